import { createPool } from 'mysql2/promise';
import type { SQSEvent } from 'aws-lambda';

// One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).
const pool = createPool({
  host: process.env.DB_HOST,
  database: 'orders',
  connectionLimit: Number(process.env.DB_POOL_MAX ?? 2),
  waitForConnections: true
});

export async function handler(event: SQSEvent): Promise<void> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    for (const record of event.Records) {
      const order = JSON.parse(record.body);
      await conn.execute('INSERT INTO orders (id, total) VALUES (?, ?)', [order.id, order.total]);
    }
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}
