import { work } from './work.mjs';

export const handler = async (event, context, callback) => {
  const result = await work(event);
  return result;
};
