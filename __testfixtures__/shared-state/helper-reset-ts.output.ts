import { processRecord } from 'deps';

interface Failure {
  itemIdentifier: string;
}

export async function processBatch(records: Array<{ messageId: string }>): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const record of records) {
    const ok: boolean = await processRecord(record);
    if (!ok) failures.push({ itemIdentifier: record.messageId });
  }
  return failures;
}
