const pg = require('pg');

const db = new pg.Client();
db.connect();

exports.transferHandler = async (event) => {
  await db.query('BEGIN');
  await db.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [event.amount, event.from]);
  await db.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [event.amount, event.to]);
  await db.query('COMMIT');
  return { ok: true };
};

exports.balanceHandler = async (event) => {
  const { rows } = await db.query('SELECT balance FROM accounts WHERE id = $1', [event.id]);
  return rows[0];
};
