const pg = require('pg');

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new pg.Pool({
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

exports.transferHandler = async (event) => {
  const db = await pool.connect();

  try {
    await db.query('BEGIN');
    await db.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [event.amount, event.from]);
    await db.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [event.amount, event.to]);
    await db.query('COMMIT');
    return { ok: true };
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  } finally {
    db.release();
  }
};

exports.balanceHandler = async (event) => {
  const { rows } = await pool.query('SELECT balance FROM accounts WHERE id = $1', [event.id]);
  return rows[0];
};
