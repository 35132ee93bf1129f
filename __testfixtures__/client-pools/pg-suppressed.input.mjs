import pg from 'pg';

// this function runs with reserved concurrency 1 on standard Lambda only
// lmi-migrate-ignore-next-line db-single-connection
const client = new pg.Client();
await client.connect();

export const handler = async (event) => {
  const { rows } = await client.query('SELECT name FROM tenants WHERE id = $1', [event.id]);
  return rows[0];
};
