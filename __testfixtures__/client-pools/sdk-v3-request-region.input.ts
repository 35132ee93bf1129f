import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Handler } from 'aws-lambda';

interface UploadEvent { region: string; bucket: string; key: string; body: string }

export const handler: Handler<UploadEvent> = async (event) => {
  const { region } = event;
  const s3 = new S3Client({ region });
  await s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: event.key, Body: event.body }));
};
