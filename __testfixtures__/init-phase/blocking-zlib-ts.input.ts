import { gunzipSync } from 'node:zlib';
import type { S3Event } from 'aws-lambda';

export async function handler(event: { payload: string }): Promise<{ text: string }> {
  const text = gunzipSync(Buffer.from(event.payload, 'base64')).toString('utf8');
  return { text };
}
