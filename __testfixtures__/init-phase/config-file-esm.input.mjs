import { readFile } from 'node:fs/promises';

export async function handler(event) {
  const raw = await readFile(new URL('./config.json', import.meta.url), 'utf8');
  const config = JSON.parse(raw);
  return { statusCode: 200, body: config.greetings[event.lang] ?? config.greetings.en };
}
