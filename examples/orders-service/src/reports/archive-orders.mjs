// First of the month: archives last month's orders to S3 as gzipped JSON lines.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';

const gzipAsync = promisify(gzip);
const s3 = new S3Client({});
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 2) });
const BUCKET = process.env.ARCHIVE_BUCKET;

function previousMonth(now) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export const handler = async (event) => {
  const month = event.month ?? previousMonth(new Date());
  const dir = await mkdtemp(join(tmpdir(), 'archive-'));
  try {
    const { rows } = await pool.query("SELECT * FROM orders WHERE to_char(created_at, 'YYYY-MM') = $1", [month]);
    const file = join(dir, `orders-${month}.jsonl.gz`);
    await writeFile(file, await gzipAsync(rows.map((row) => JSON.stringify(row)).join('\n')));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `archive/orders-${month}.jsonl.gz`, Body: await readFile(file) }));
    return { month, orders: rows.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
