import { readFile } from 'node:fs/promises';
import type { Context, ScheduledEvent } from 'aws-lambda';

export const handler = async (event: ScheduledEvent, context: Context): Promise<string> => {
  const text = await readFile('/var/task/banner.txt', 'utf8');
  return text.trim();
};
