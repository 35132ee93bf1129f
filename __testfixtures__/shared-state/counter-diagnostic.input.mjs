import { save } from 'deps';

let processed = 0;

export const handler = async (event) => {
  processed++;
  await save(event);
  return { ok: true };
};
