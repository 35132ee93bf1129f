import { work } from './work.mjs';

export const handler = async (event, context) => {
  const result = await work(event);
  return result;
};
