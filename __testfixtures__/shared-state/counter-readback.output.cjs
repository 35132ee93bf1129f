const { save } = require('deps');

let invocations = 0;

module.exports.handler = async (event) => {
  const invocationsSnapshot = ++invocations;
  await save(event);
  return { invocation: invocationsSnapshot };
};
