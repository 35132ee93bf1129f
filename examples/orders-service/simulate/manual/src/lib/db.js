'use strict';
// src/lib/db.js after its manual migration step (lmi-migrate reports it, db-single-connection,
// and leaves it: `query()` runs SQL its callers pass in, and `transaction()` hands the connection
// to a callback in another module, so the tool cannot prove a pool keeps their behaviour).
// Checked by hand: every caller sends plain statements through `query()` (no SET, LISTEN, BEGIN)
// and uses only the client it is given inside `transaction()`.
const { Pool } = require('pg');

// One pool per worker thread: connections = environments × workers × max, so keep max small.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000,
});

async function query(text, params) {
  return pool.query(text, params);
}

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

// No SIGTERM listener: worker threads never receive it, and process.exit() would end every
// in-flight request on the worker.

module.exports = { query, transaction };
