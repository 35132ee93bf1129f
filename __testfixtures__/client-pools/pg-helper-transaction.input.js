'use strict';
// A helper module (no handler): the order handlers run their transactions through it.
const { Client } = require('pg');

const client = new Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

async function getClient() {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  return client;
}

async function transaction(work) {
  const c = await getClient();
  await c.query('BEGIN');
  try {
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}

process.on('SIGTERM', async () => {
  await client.end();
});

module.exports = { transaction };
