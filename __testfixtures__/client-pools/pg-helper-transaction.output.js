'use strict';
// A helper module (no handler): the order handlers run their transactions through it.
const { Pool } = require('pg');

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

async function transaction(work) {
  const c = await pool.connect();

  try {
    await c.query('BEGIN');
    try {
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  } finally {
    c.release();
  }
}

process.on('SIGTERM', async () => {
  await pool.end();
});

module.exports = { transaction };
