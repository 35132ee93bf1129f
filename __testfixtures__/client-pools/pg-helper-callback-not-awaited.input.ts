import { Client } from 'pg';

const client = new Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

async function getClient(): Promise<Client> {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  return client;
}

export async function transaction<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = await getClient();
  await c.query('BEGIN');
  return work(c).then(
    async (result) => {
      await c.query('COMMIT');
      return result;
    },
    async (err) => {
      await c.query('ROLLBACK');
      throw err;
    },
  );
}
