// A fixed /tmp path written and read back per invocation: concurrent requests clobber it.
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const handler = async (event) => {
  await writeFile('/tmp/report.json', JSON.stringify({ key: event.key }));
  await sleep(20);
  const report = JSON.parse(await readFile('/tmp/report.json', 'utf8'));
  return { key: report.key };
};
