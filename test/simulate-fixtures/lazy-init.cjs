// `if (!db) db = await connect()`: every request that arrives before the first connect
// finishes connects again.
const { Client } = require('pg');

let db;

async function connect() {
  const client = new Client();
  await client.connect();
  return client;
}

exports.handler = async (event) => {
  if (!db) db = await connect();
  const { rows } = await db.query('select $1::int as id', [event.id]);
  return { id: rows[0].values[0] };
};
