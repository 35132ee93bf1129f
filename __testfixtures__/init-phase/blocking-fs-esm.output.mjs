import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const handler = async (event) => {
  const names = await readdir(process.env.DATA_DIR);
  if (!names.includes(`${event.id}.json`)) return { found: false };
  const doc = JSON.parse(await readFile(join(process.env.DATA_DIR, `${event.id}.json`), 'utf8'));
  return { found: true, doc };
};
