import { getPool } from './db.mjs';

export const handler = async (event, context) => {
  // keep the pool open between invocations
  context.callbackWaitsForEmptyEventLoop = false;
  const pool = await getPool();
  const { rows } = await pool.query('SELECT 1 AS ok');
  return rows[0];
};
