import * as pg from 'pg';

const pool = new pg.Pool({ max: 2 });

export const handler = async (event: { ids: number[] }): Promise<number> => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const id of event.ids) {
      await client.query('DELETE FROM carts WHERE id = $1', [id]);
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM carts');
  return rows[0].n;
};
