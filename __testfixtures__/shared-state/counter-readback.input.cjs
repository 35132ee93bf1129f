const { save } = require('deps');

let invocations = 0;

module.exports.handler = async (event) => {
  invocations++;
  await save(event);
  return { invocation: invocations };
};
