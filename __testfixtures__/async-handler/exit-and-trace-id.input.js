exports.handler = async (event, context) => {
  const traceId = process.env._X_AMZN_TRACE_ID;
  if (!event.ok) {
    console.error('bad event', traceId);
    process.exit(1);
  }
  return { traceId };
};
