import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';

const baseHandler = async (event) => {
  const client = new DynamoDBClient({ region: process.env.REGION });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await doc.send(new PutCommand({ TableName: 'x', Item: event }));
};

export const otherHandler = async (event) => {
  const ddb = new DynamoDBClient({ region: process.env.REGION });
  const docClient = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  await docClient.send(new PutCommand({ TableName: 'y', Item: event }));
};

export const handler = middy(baseHandler);
