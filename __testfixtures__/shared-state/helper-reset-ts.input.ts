import { processRecord } from 'deps';

interface Failure {
  itemIdentifier: string;
}

const failures: Failure[] = [];

export async function processBatch(records: Array<{ messageId: string }>): Promise<Failure[]> {
  failures.length = 0;
  for (const record of records) {
    const ok: boolean = await processRecord(record);
    if (!ok) failures.push({ itemIdentifier: record.messageId });
  }
  return failures;
}
