// A database client built, connected and closed in every invocation.
import { Client } from 'pg';

export const handler = async (event: { id: number }) => {
  const client = new Client();
  await client.connect();
  try {
    const { rows } = await client.query('select $1::int as id', [event.id]);
    return { id: rows[0].values[0] };
  } finally {
    await client.end();
  }
};
