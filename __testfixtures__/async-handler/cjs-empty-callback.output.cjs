const { audit } = require('./audit');

module.exports.handler = async (event, context) => {
  audit(event.detail);
  return;
};
