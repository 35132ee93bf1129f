import { createReadStream } from 'node:fs';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event) => {
  const tmpDir = await mkdtemp(join(tmpdir(), 'export-'));

  try {
    await writeFile(join(tmpDir, 'export.csv'), event.rows.join('\n'));
    return await s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: 'export.csv', Body: createReadStream(join(tmpDir, 'export.csv')) }));
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
};
