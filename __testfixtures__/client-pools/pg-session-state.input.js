const { Client } = require('pg');

exports.handler = async (event) => {
  const client = new Client();
  await client.connect();
  await client.query('SET search_path TO tenant_a');
  const { rows } = await client.query('SELECT * FROM invoices WHERE id = $1', [event.id]);
  await client.end();
  return rows;
};

exports.reportHandler = async (event) => {
  const client = new Client();
  await client.connect();
  const { rows } = await client.query(event.sql);
  await client.end();
  return rows;
};
