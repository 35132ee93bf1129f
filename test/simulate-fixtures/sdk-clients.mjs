// AWS SDK v3 clients: S3 built per invocation (named import of a bundled package), the
// DynamoDB document client built once at init through `from`.
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const s3 = new S3Client({ region: 'us-east-1' });
  const object = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));
  const { Item } = await ddb.send(new GetCommand({ TableName: 't', Key: { id: event.id } }));
  return { body: object.Body, item: Item, isClient: s3 instanceof S3Client };
};
