import { doWork } from './work.mjs';

export const handler = (event, context, callback) => {
  doWork(event).then((result) => callback(null, result)).catch((err) => callback(err));
};
