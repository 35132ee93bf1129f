import { createConnection } from 'mysql2/promise';
import type { SQSEvent } from 'aws-lambda';

export async function handler(event: SQSEvent): Promise<void> {
  const conn = await createConnection({ host: process.env.DB_HOST, database: 'orders' });
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
    await conn.end();
  }
}
