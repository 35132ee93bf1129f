import { access, readFile, rename } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

const DICTIONARY = '/tmp/dictionary.txt';

async function dictionary() {
  try {
    await access(DICTIONARY);
  } catch {
    const res = await fetch(process.env.DICTIONARY_URL);
    const partial = `${DICTIONARY}.${randomUUID()}.tmp`;
    await pipeline(Readable.fromWeb(res.body), createWriteStream(partial));
    await rename(partial, DICTIONARY);
  }
  return (await readFile(DICTIONARY, 'utf8')).split('\n');
}

export const handler = async (event) => {
  const words = await dictionary();
  return { known: words.includes(event.word) };
};
