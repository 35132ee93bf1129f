import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const handler = async (event) => {
  const dir = await mkdtemp(join(tmpdir(), 'render-'));
  try {
    const file = join(dir, 'page.html');
    await writeFile(file, event.html);
    return { length: (await readFile(file, 'utf8')).length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
