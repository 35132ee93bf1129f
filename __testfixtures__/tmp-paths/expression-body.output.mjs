import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';

export const handler = async (event) => {
  const tmpDir = await mkdtemp(join(tmpdir(), 'note-'));

  try {
    return await writeFile(join(tmpDir, 'note.txt'), event.text).then(() => readFile(join(tmpDir, 'note.txt'), 'utf8'));
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
};
