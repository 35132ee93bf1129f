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

// the audit logger writes through the connection of the transaction in progress
const audit = { connection: null };

async function transaction(work) {
  const c = await getClient();
  await c.query('BEGIN');
  audit.connection = c;
  try {
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}

module.exports = { transaction, audit };
