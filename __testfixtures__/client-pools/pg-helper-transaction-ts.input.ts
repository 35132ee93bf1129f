import { Client, type ClientBase } from 'pg';

const client = new Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

async function getClient(): Promise<Client> {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  return client;
}

/** Runs `work` in a transaction; no ROLLBACK here, the connection used to be dropped on error. */
export async function transaction<T>(work: (c: ClientBase) => Promise<T>): Promise<T> {
  const c = await getClient();
  await c.query('BEGIN');
  const result = await work(c);
  await c.query('COMMIT');
  return result;
}
