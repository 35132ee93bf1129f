import { Pool } from 'pg';

const config = { host: process.env.PGHOST, database: process.env.PGDATABASE };

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  ...config,
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

export async function handler(event) {
  const client = await pool.connect();

  try {
    await client.query('BEGIN');
    const res = await client.query('INSERT INTO events (body) VALUES ($1) RETURNING id', [event.body]);
    await client.query('COMMIT');
    return res.rows[0].id;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function countHandler() {
  const res = await pool.query('SELECT count(*) AS n FROM events');
  return res.rows[0].n;
}
