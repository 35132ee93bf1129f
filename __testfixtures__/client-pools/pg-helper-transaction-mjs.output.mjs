// Transactions for the handlers that import this module.
import { Pool } from 'pg';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

export async function withTransaction(work) {
  const conn = await pool.connect();

  try {
    await conn.query('BEGIN');
    try {
      const result = await work(conn);
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    }
  } finally {
    conn.release();
  }
}

export const currency = 'EUR';
