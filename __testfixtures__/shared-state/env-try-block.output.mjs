import { audit } from 'deps';

export const handler = async (event) => {
  try {
    const tenant = String(event.tenant);
    await audit(event);
    return { tenant };
  } finally {
    await audit({ delay: 0 });
  }
};
