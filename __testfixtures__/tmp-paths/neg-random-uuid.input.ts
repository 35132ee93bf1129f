import { randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const handler = async (event: { script: string }) => {
  const script = `/tmp/job-${randomUUID()}.sh`;
  await writeFile(script, event.script, { mode: 0o700 });
  try {
    const { stdout } = await run(script);
    return { output: stdout };
  } finally {
    await unlink(script);
  }
};
