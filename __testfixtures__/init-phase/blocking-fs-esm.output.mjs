import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const handler = async (event) => {
  const file = join(process.env.DATA_DIR, `${event.id}.json`);
  const doc = JSON.parse(await readFile(file, 'utf8'));
  doc.seen = (doc.seen ?? 0) + 1;
  await writeFile(file, JSON.stringify(doc));
  return doc;
};
