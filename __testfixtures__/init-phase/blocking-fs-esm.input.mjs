import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const handler = async (event) => {
  const file = join(process.env.DATA_DIR, `${event.id}.json`);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.seen = (doc.seen ?? 0) + 1;
  writeFileSync(file, JSON.stringify(doc));
  return doc;
};
