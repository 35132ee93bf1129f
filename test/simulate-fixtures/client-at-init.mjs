// The fix: one pool per worker, created at init.
import pg from 'pg';

const pool = new pg.Pool({ max: 2 });

export const handler = async (event) => {
  const { rows } = await pool.query('select $1::int as id', [event.id]);
  return { id: rows[0].values[0] };
};
