import { gunzip } from 'node:zlib';
import type { Context, KinesisStreamEvent } from 'aws-lambda';

export async function handler(event: KinesisStreamEvent, context: Context): Promise<number> {
  const first = Buffer.from(event.Records[0].kinesis.data, 'base64');

  return new Promise((resolve, reject) => {
    gunzip(first, (err, raw) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(raw.length);
    });
  });
}
