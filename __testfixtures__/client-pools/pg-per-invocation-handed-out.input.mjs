import pg from 'pg';
import { recordAudit } from './audit.mjs';

export const handler = async (event) => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE orders SET status = $1 WHERE id = $2', [event.status, event.id]);
    // the audit row is written on the side, through the same connection
    recordAudit(client, event.id).catch((err) => console.error('audit failed', err));
    await client.query('COMMIT');
    return { ok: true };
  } finally {
    await client.end();
  }
};
