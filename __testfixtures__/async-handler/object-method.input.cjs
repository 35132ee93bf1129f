module.exports = {
  handler(event, context, callback) {
    const ids = event.Records.map((r) => r.messageId);
    callback(null, { processed: ids.length });
  },
};
