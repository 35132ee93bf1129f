// GET /customers/{id}: profile from the legacy CRM database (MySQL), cached in Redis.
import mysql from 'mysql2/promise';
import { createClient } from 'redis';

const CACHE_TTL_SECONDS = 300;

export const handler = async (event) => {
  const id = event.pathParameters.id;

  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  try {
    const cached = await redis.get(`customer:${id}`);
    if (cached) return { statusCode: 200, body: cached };

    const connection = await mysql.createConnection({
      host: process.env.CRM_DB_HOST,
      user: process.env.CRM_DB_USER,
      password: process.env.CRM_DB_PASSWORD,
      database: 'crm',
    });
    try {
      const [rows] = await connection.execute('SELECT id, name, email, tier FROM customers WHERE id = ?', [id]);
      if (rows.length === 0) return { statusCode: 404, body: JSON.stringify({ message: 'Customer not found' }) };

      const body = JSON.stringify(rows[0]);
      await redis.set(`customer:${id}`, body, { EX: CACHE_TTL_SECONDS });
      return { statusCode: 200, body };
    } finally {
      await connection.end();
    }
  } finally {
    await redis.quit();
  }
};
