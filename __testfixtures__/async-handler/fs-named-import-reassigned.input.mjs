import { readdir } from 'node:fs';

export const handler = (event, context, callback) => {
  readdir('/var/task/templates', (error, names) => {
    if (error) {
      callback(error);
      return;
    }
    names = names.filter((n) => n.endsWith('.html'));
    callback(null, names);
  });
};
