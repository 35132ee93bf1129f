import { processRecord } from 'deps';

function fail(record, failures) {
  failures.push({ itemIdentifier: record.messageId });
}

export const handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    const ok = await processRecord(record);
    if (!ok) fail(record, failures);
  }
  return { batchItemFailures: failures };
};
