// One pg Client at module scope, shared by concurrent transactions.
const { Client } = require('pg');

const db = new Client();
const connected = db.connect();

exports.handler = async (event) => {
  await connected;
  await db.query('BEGIN');
  await db.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [event.value, event.key]);
  await db.query('COMMIT');
  return { id: event.id };
};
