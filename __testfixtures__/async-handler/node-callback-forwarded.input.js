const { lookup } = require('./legacy-lookup');

exports.handler = (event, context, callback) => {
  lookup(event.id, { cache: false }, callback);
};
