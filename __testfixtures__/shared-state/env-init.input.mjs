import { audit } from 'deps';

process.env.AWS_NODEJS_CONNECTION_REUSE_ENABLED = '1';
process.env.TABLE ??= 'orders';

export const handler = async (event) => {
  await audit(event);
  return { table: process.env.TABLE };
};
