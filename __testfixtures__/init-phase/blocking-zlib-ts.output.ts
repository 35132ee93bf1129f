import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { S3Event } from 'aws-lambda';

export async function handler(event: { payload: string }): Promise<{ text: string }> {
  const text = (await promisify(gunzip)(Buffer.from(event.payload, 'base64'))).toString('utf8');
  return { text };
}
