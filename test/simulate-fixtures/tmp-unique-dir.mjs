// The fix: a unique directory per invocation, removed in finally.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const handler = async (event) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-'));
  try {
    await writeFile(join(dir, 'report.json'), JSON.stringify({ key: event.key }));
    await sleep(20);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    return { key: report.key };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
