import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import childProcess from 'node:child_process';

const execFile = util.promisify(childProcess.execFile);

export const handler = async (event) => {
  const tmpDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'bundle-'));
  const BUNDLE = path.resolve(tmpDir, 'bundle.zip');

  try {
    await execFile('zip', ['-j', BUNDLE, ...event.files.map((f) => path.join('/var/task/assets', f))]);
    const zipped = await fs.promises.readFile(BUNDLE);
    return { size: zipped.length };
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
};
