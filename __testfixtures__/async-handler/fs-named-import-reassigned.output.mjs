import { readdir } from 'node:fs/promises';

export const handler = async (event, context) => {
  let names = await readdir('/var/task/templates');
  names = names.filter((n) => n.endsWith('.html'));
  return names;
};
