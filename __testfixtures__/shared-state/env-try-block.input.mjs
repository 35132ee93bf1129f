import { audit } from 'deps';

export const handler = async (event) => {
  try {
    process.env.TENANT = event.tenant;
    await audit(event);
    return { tenant: process.env.TENANT };
  } finally {
    await audit({ delay: 0 });
  }
};
