'use strict';
const { Pool } = require('pg');

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

exports.getHandler = async (event) => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [event.id]);
  return rows[0];
};

exports.createHandler = async (event) => {
  const c = await pool.connect();

  try {
    await c.query('BEGIN');
    try {
      const { rows } = await c.query('INSERT INTO orders (total) VALUES ($1) RETURNING id', [event.total]);
      await c.query('COMMIT');
      return rows[0];
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  } finally {
    c.release();
  }
};

process.on('SIGTERM', async () => {
  await pool.end();
});
