import pg from 'pg';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

export const handler = async (event) => {
  const result = await pool.query('SELECT id, total FROM orders WHERE customer_id = $1', [event.customerId]);
  return result.rows;
};
