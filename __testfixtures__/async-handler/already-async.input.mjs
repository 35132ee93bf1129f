import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event) => {
  const out = await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: event.id } } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};
