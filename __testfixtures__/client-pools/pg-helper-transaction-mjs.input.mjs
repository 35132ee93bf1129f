// Transactions for the handlers that import this module.
import { Client } from 'pg';

const db = new Client({ connectionString: process.env.DATABASE_URL });
let ready = false;

const connection = async () => {
  if (!ready) {
    await db.connect();
    ready = true;
  }
  return db;
};

export async function withTransaction(work) {
  const conn = await connection();
  await conn.query('BEGIN');
  try {
    const result = await work(conn);
    await conn.query('COMMIT');
    return result;
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  }
}

export const currency = 'EUR';
