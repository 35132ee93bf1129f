import { MongoClient } from 'mongodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const client = new MongoClient(process.env.MONGODB_URI!);

export const handler = async (event: APIGatewayProxyEvent) => {
  await client.connect();
  const user = await client.db('app').collection('users').findOne({ email: event.queryStringParameters?.email });
  return { statusCode: user ? 200 : 404, body: JSON.stringify(user) };
};
