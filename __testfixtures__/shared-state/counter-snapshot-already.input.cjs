const { save } = require('deps');

let invocations = 0;
let coldStart = true;

exports.handler = async (event) => {
  const invocation = ++invocations;
  const wasCold = coldStart;
  coldStart = false;
  await save(event);
  return { invocation, wasCold };
};
