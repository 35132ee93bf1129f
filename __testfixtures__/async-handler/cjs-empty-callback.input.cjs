const { audit } = require('./audit');

module.exports.handler = (event, context, callback) => {
  audit(event.detail);
  callback();
};
