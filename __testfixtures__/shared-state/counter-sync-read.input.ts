import { save } from 'deps';

let requests = 0;

export const handler = async (event: { id: string }) => {
  requests++;
  const label = `request ${requests}`;
  await save(event.id);
  return { label };
};
