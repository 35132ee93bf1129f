const { validate } = require('./validate');

exports.handler = async function(event, context) {
  const result = validate(event);
  const err = result.ok ? null : new Error(result.reason);

  if (err != null) {
    throw err;
  }

  return result.value;
};
