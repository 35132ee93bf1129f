import { save } from 'deps';

let sequence = 0;

export const handler = async (event) => {
  ++sequence;
  console.debug('start', sequence);
  const saved = await save(event);
  const id = `${event.prefix}-${sequence}`;
  return { id, saved };
};
