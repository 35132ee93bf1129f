// context.succeed no longer exists (using it throws) and callbackWaitsForEmptyEventLoop does
// nothing; each request has its own awsRequestId and xRayTraceId, which its one-at-a-time replay keeps
// (the same request), and the worker's one log stream.
exports.handler = async (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  if (event.id % 2) context.succeed({ id: event.id });
  await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    id: event.id,
    requestId: context.awsRequestId,
    traceId: context.xRayTraceId,
    logStream: context.logStreamName,
    remaining: context.getRemainingTimeInMillis() > 0,
  };
};
