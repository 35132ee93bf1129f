import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const handler = async (event) => {
  const names = readdirSync(process.env.DATA_DIR);
  if (!names.includes(`${event.id}.json`)) return { found: false };
  const doc = JSON.parse(readFileSync(join(process.env.DATA_DIR, `${event.id}.json`), 'utf8'));
  return { found: true, doc };
};
