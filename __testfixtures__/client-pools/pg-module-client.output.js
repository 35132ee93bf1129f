const { Pool } = require('pg');

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

exports.handler = async (event) => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [event.orderId]);
  return rows[0];
};
