const { Client } = require('pg');

const client = new Client({ connectionString: process.env.DATABASE_URL });
client.connect();

exports.handler = async (event) => {
  const { rows } = await client.query('SELECT * FROM orders WHERE id = $1', [event.orderId]);
  return rows[0];
};
