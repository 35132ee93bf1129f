import { writeFile } from 'node:fs/promises';
import { uploadFile } from './storage.mjs';

const EXPORT_PATH = '/tmp/export.json';

export const handler = async (event) => {
  await writeFile(EXPORT_PATH, JSON.stringify(event.items));
  await uploadFile(EXPORT_PATH, `exports/${event.id}.json`);
  return { ok: true };
};
