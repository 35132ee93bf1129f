'use strict';
// Postgres access for the order handlers. One connection per container, opened on first use.
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

async function query(text, params) {
  const c = await getClient();
  return c.query(text, params);
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

// Close the connection cleanly when Lambda shuts the container down.
process.on('SIGTERM', async () => {
  await client.end();
  process.exit(0);
});

module.exports = { query, transaction };
