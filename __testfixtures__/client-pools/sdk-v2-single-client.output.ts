import S3 from 'aws-sdk/clients/s3';
import type { S3Event } from 'aws-lambda';

const s3 = new S3();

export async function handler(event: S3Event): Promise<number> {
  let total = 0;
  for (const record of event.Records) {
    const head = await s3.headObject({ Bucket: record.s3.bucket.name, Key: record.s3.object.key }).promise();
    total += head.ContentLength ?? 0;
  }
  return total;
}
