import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event) => {
  await writeFile('/tmp/export.csv', event.rows.join('\n'));
  return s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: 'export.csv', Body: createReadStream('/tmp/export.csv') }));
};
