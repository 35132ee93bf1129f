import { gunzip } from 'node:zlib';
import type { Callback, Context, KinesisStreamEvent } from 'aws-lambda';

export function handler(event: KinesisStreamEvent, context: Context, callback: Callback<number>): void {
  const first = Buffer.from(event.Records[0].kinesis.data, 'base64');
  gunzip(first, (err, raw) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, raw.length);
  });
}
