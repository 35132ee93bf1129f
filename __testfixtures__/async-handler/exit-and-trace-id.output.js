exports.handler = async (event, context) => {
  const traceId = context.xRayTraceId;
  if (!event.ok) {
    console.error('bad event', traceId);
    throw new Error('process.exit(1) called in the handler');
  }
  return { traceId };
};
