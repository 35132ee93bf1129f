import { access, readFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

const DICTIONARY = '/tmp/dictionary.txt';

async function dictionary() {
  try {
    await access(DICTIONARY);
  } catch {
    const res = await fetch(process.env.DICTIONARY_URL);
    await pipeline(Readable.fromWeb(res.body), createWriteStream(DICTIONARY));
  }
  return (await readFile(DICTIONARY, 'utf8')).split('\n');
}

export const handler = async (event) => {
  const words = await dictionary();
  return { known: words.includes(event.word) };
};
