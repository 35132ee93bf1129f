import { readFile } from 'node:fs';
import type { Callback, Context, ScheduledEvent } from 'aws-lambda';

export const handler = (event: ScheduledEvent, context: Context, callback: Callback<string>): void => {
  readFile('/var/task/banner.txt', 'utf8', (err, text) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, text.trim());
  });
};
