import { processRecord } from 'deps';

const failures = [];

function fail(record) {
  failures.push({ itemIdentifier: record.messageId });
}

export const handler = async (event) => {
  failures.length = 0;
  for (const record of event.Records) {
    const ok = await processRecord(record);
    if (!ok) fail(record);
  }
  return { batchItemFailures: failures };
};
