const { processRecord } = require('deps');

let batchItemFailures = [];

exports.handler = async (event) => {
  batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
