import { save } from 'deps';

let sequence = 0;

export const handler = async (event) => {
  const sequenceSnapshot = ++sequence;
  console.debug('start', sequenceSnapshot);
  const saved = await save(event);
  const id = `${event.prefix}-${sequenceSnapshot}`;
  return { id, saved };
};
