const { validate } = require('./validate');

exports.handler = function (event, context) {
  const result = validate(event);
  const err = result.ok ? null : new Error(result.reason);
  context.done(err, result.value);
};
