import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const s3Client = new S3Client({});
const sqs = new SQSClient({ maxAttempts: 5 });

export async function handler(event) {
  const url = await getSignedUrl(s3Client, new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }), { expiresIn: 300 });
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: url }));
  return { url };
}
