'use strict';
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

exports.getHandler = async (event) => {
  const c = await getClient();
  const { rows } = await c.query('SELECT * FROM orders WHERE id = $1', [event.id]);
  return rows[0];
};

exports.createHandler = async (event) => {
  const c = await getClient();
  await c.query('BEGIN');
  try {
    const { rows } = await c.query('INSERT INTO orders (total) VALUES ($1) RETURNING id', [event.total]);
    await c.query('COMMIT');
    return rows[0];
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
};

process.on('SIGTERM', async () => {
  await client.end();
});
