import { Pool } from 'pg';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const INSERT_ORDER = 'INSERT INTO orders (customer_id, total) VALUES ($1, $2) RETURNING id';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = new Pool({
  host: process.env.PGHOST,
  database: 'shop',
  max: Number(process.env.DB_POOL_MAX ?? 2),
  idleTimeoutMillis: 30000,
  connectionTimeoutMillis: 5000
});

export async function handler(event: APIGatewayProxyEvent) {
  const order = JSON.parse(event.body ?? '{}');
  const client = await pool.connect();
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
    client.release();
  }
}
