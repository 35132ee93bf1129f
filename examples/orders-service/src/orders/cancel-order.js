'use strict';
// POST /orders/{id}/cancel: only pending orders can be cancelled.
const { Client } = require('pg');

exports.handler = async (event) => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      "UPDATE orders SET status = 'cancelled', cancelled_at = now() WHERE id = $1 AND status = 'pending'",
      [event.pathParameters.id],
    );
    if (rowCount === 0) {
      return { statusCode: 409, body: JSON.stringify({ message: 'Order cannot be cancelled' }) };
    }
    return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters.id, status: 'cancelled' }) };
  } finally {
    await client.end();
  }
};
