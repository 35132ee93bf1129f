// context.succeed no longer exists (using it throws) and callbackWaitsForEmptyEventLoop does
// nothing; the awsRequestId differs on every run and is masked when results are compared.
exports.handler = async (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  if (event.id % 2) context.succeed({ id: event.id });
  return { id: event.id, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() > 0 };
};
