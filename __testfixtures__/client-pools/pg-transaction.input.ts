import { Client } from 'pg';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const INSERT_ORDER = 'INSERT INTO orders (customer_id, total) VALUES ($1, $2) RETURNING id';

export async function handler(event: APIGatewayProxyEvent) {
  const order = JSON.parse(event.body ?? '{}');
  const client = new Client({ host: process.env.PGHOST, database: 'shop' });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(INSERT_ORDER, [order.customerId, order.total]);
    await client.query('UPDATE customers SET order_count = order_count + 1 WHERE id = $1', [order.customerId]);
    await client.query('COMMIT');
    return { statusCode: 201, body: JSON.stringify({ id: rows[0].id }) };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}
