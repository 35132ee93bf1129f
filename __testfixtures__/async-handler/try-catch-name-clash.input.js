exports.handler = function (event, context) {
  const result = { cached: true };
  try {
    const result = JSON.parse(event.body);
    context.succeed(result);
  } catch (e) {
    context.fail(e);
  }
};
