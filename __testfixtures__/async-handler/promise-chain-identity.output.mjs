import { doWork } from './work.mjs';

export const handler = async (event, context) => {
  return doWork(event);
};
