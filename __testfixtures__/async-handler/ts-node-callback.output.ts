import { readFile } from 'node:fs';
import type { Context, ScheduledEvent } from 'aws-lambda';

export const handler = async (event: ScheduledEvent, context: Context): Promise<string> => {
  return new Promise((resolve, reject) => {
    readFile('/var/task/banner.txt', 'utf8', (err, text) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(text.trim());
    });
  });
};
