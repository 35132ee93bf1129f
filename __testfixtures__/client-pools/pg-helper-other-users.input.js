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

async function getOrder(id) {
  const c = await getClient();
  const { rows } = await c.query('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0];
}

module.exports = { transaction, getOrder };
