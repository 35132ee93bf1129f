import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';

const client = new DynamoDBClient({ region: process.env.REGION });
const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

const baseHandler = async (event) => {
  await doc.send(new PutCommand({ TableName: 'x', Item: event }));
};

export const otherHandler = async (event) => {
  await doc.send(new PutCommand({ TableName: 'y', Item: event }));
};

export const handler = middy(baseHandler);
