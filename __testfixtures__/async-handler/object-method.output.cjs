module.exports = {
  async handler(event, context) {
    const ids = event.Records.map((r) => r.messageId);
    return { processed: ids.length };
  },
};
