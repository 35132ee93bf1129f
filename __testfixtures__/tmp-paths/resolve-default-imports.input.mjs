import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import childProcess from 'node:child_process';

const execFile = util.promisify(childProcess.execFile);
const BUNDLE = path.resolve(os.tmpdir(), 'bundle.zip');

export const handler = async (event) => {
  await execFile('zip', ['-j', BUNDLE, ...event.files.map((f) => path.join('/var/task/assets', f))]);
  const zipped = await fs.promises.readFile(BUNDLE);
  return { size: zipped.length };
};
