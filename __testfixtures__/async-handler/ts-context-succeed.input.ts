import { Context, S3Event } from 'aws-lambda';

export const handler = (event: S3Event, context: Context): void => {
  const keys = event.Records.map((r) => r.s3.object.key);
  context.succeed({ keys });
};
