import { Pool } from 'pg';

// One pool per worker, small: already correct
const pool = new Pool({ max: 2 });

export async function handler(event) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO audit (msg) VALUES ($1)', [event.msg]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  const { rows } = await pool.query('SELECT count(*) FROM audit');
  return rows[0];
}
