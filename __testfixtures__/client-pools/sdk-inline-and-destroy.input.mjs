import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export async function handler(event) {
  const url = await getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }), { expiresIn: 300 });
  const sqs = new SQSClient({ maxAttempts: 5 });
  try {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: url }));
  } finally {
    sqs.destroy();
  }
  return { url };
}
