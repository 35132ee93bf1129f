exports.handler = async function(event, context) {
  // callbackWaitsForEmptyEventLoop removed: an async handler finishes when its promise settles
  const body = JSON.parse(event.body);
  return { statusCode: 200, body: JSON.stringify(body) };
};
