import * as pg from 'pg';

const pool = new pg.Pool({ max: 2 });

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const dbPool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

export const handler = async (event: { ids: number[] }): Promise<number> => {
  const client = await dbPool.connect();
  try {
    await client.query('BEGIN');
    for (const id of event.ids) {
      await client.query('DELETE FROM carts WHERE id = $1', [id]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM carts');
  return rows[0].n;
};
