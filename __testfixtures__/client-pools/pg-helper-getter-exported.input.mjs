import { Client } from 'pg';

const client = new Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

export async function getClient() {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  return client;
}

export async function transaction(work) {
  const c = await getClient();
  await c.query('BEGIN');
  try {
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}
