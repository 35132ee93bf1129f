exports.handler = function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false;
  try {
    const body = JSON.parse(event.body);
    context.succeed({ statusCode: 200, body: JSON.stringify(body) });
  } catch (e) {
    context.fail(e);
  }
};
