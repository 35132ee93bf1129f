// The fix: memoize the promise, so concurrent first requests share one connect.
const { Client } = require('pg');

let dbP;

async function connect() {
  const client = new Client();
  await client.connect();
  return client;
}

exports.handler = async (event) => {
  dbP ??= connect().catch((e) => {
    dbP = undefined;
    throw e;
  });
  const db = await dbP;
  const { rows } = await db.query('select $1::int as id', [event.id]);
  return { id: rows[0].values[0] };
};
