import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const run = promisify(execFile);
const s3 = new S3Client({});

export const handler = async (event) => {
  const { bucket, key } = event;
  const original = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await writeFile(join(tmpdir(), 'original.jpg'), await original.Body.transformToByteArray());
  await run('convert', [join(tmpdir(), 'original.jpg'), '-thumbnail', '200x200', join(tmpdir(), 'thumb.jpg')]);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `thumbs/${key}`, Body: await readFile(join(tmpdir(), 'thumb.jpg')) }));
  return { thumbnail: `thumbs/${key}` };
};
