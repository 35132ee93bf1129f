import { readFile, writeFile } from 'node:fs/promises';

export const SESSION_FILE = '/tmp/session.json';

export const handler = async (event: { user: string }) => {
  await writeFile(SESSION_FILE, JSON.stringify({ user: event.user }));
  const session = JSON.parse(await readFile(SESSION_FILE, 'utf8'));
  return { user: session.user };
};
