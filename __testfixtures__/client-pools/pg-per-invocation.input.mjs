import pg from 'pg';

export const handler = async (event) => {
  const client = new pg.Client(process.env.DATABASE_URL);
  await client.connect();
  try {
    const result = await client.query('SELECT id, total FROM orders WHERE customer_id = $1', [event.customerId]);
    return result.rows;
  } finally {
    await client.end();
  }
};
