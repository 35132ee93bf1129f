import { audit } from 'deps';

export const handler = async (event) => {
  process.env.TZ = event.timeZone;
  await audit(event);
  return { zone: process.env.TZ };
};
