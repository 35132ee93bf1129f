import { Client } from 'pg';

const config = { host: process.env.PGHOST, database: process.env.PGDATABASE };

export async function handler(event) {
  const client = new Client(config);
  await client.connect();
  await client.query('BEGIN');
  const res = await client.query('INSERT INTO events (body) VALUES ($1) RETURNING id', [event.body]);
  await client.query('COMMIT');
  await client.end();
  return res.rows[0].id;
}

export async function countHandler() {
  const client = new Client(config);
  await client.connect();
  const res = await client.query('SELECT count(*) AS n FROM events');
  await client.end();
  return res.rows[0].n;
}
