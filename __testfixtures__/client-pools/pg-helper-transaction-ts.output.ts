import { type ClientBase, Pool } from 'pg';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

/** Runs `work` in a transaction; no ROLLBACK here, the connection used to be dropped on error. */
export async function transaction<T>(work: (c: ClientBase) => Promise<T>): Promise<T> {
  const c = await pool.connect();

  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}
