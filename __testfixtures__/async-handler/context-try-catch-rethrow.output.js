const { lookup } = require('./lookup');

exports.handler = async (event, context) => {
  // callbackWaitsForEmptyEventLoop removed: an async handler finishes when its promise settles
  const item = await lookup(event);
  return { statusCode: 200, body: JSON.stringify(item) };
};
