import { readFile } from 'node:fs/promises';

const raw = await readFile(new URL('./config.json', import.meta.url), 'utf8');

export async function handler(event) {
  const config = JSON.parse(raw);
  return { statusCode: 200, body: config.greetings[event.lang] ?? config.greetings.en };
}
