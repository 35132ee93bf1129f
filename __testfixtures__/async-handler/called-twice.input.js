const { compute } = require('./compute');

exports.handler = (event, context, callback) => {
  if (event.cached) {
    callback(null, event.cached);
  }
  const fresh = compute(event);
  callback(null, fresh);
};
