import { audit } from 'deps';

export const handler = async (event) => {
  process.env.TENANT = event.tenant;
  await audit(event);
  return { tenant: process.env.TENANT };
};
