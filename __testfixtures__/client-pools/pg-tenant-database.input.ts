import { Client } from 'pg';

interface TenantEvent { tenant: string; id: number }

export const handler = async (event: TenantEvent) => {
  const client = new Client({ database: `tenant_${event.tenant}` });
  await client.connect();
  const { rows } = await client.query('SELECT * FROM items WHERE id = $1', [event.id]);
  await client.end();
  return rows;
};
