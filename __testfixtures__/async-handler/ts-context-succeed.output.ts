import { Context, S3Event } from 'aws-lambda';

export const handler = async (event: S3Event, context: Context) => {
  const keys = event.Records.map((r) => r.s3.object.key);
  return { keys };
};
