import { audit } from 'deps';

export const handler = async (event) => {
  const tenant = String(event.tenant);
  await audit(event);
  return { tenant };
};
