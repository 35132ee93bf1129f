import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

const TABLE = process.env.TABLE_NAME;

export const getHandler = async (event) => {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id: event.pathParameters.id } }));
  return { statusCode: 200, body: JSON.stringify(Item) };
};

export const putHandler = async (event) => {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: JSON.parse(event.body) }));
  return { statusCode: 201 };
};

export const replicateHandler = async (event) => {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: event.detail }));
};
