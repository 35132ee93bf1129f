import { readFile, writeFile } from 'node:fs/promises';

export const handler = async (event) =>
  writeFile('/tmp/note.txt', event.text).then(() => readFile('/tmp/note.txt', 'utf8'));
