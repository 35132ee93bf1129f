import { MongoClient } from 'mongodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const client = new MongoClient(process.env.MONGODB_URI!);

// One MongoClient per worker thread (it is a pool): connect once, share the attempt, retry after a failure.
let clientConnection: ReturnType<typeof client.connect> | undefined;
const connectClient = () =>
  (clientConnection ??= client.connect().catch((err) => {
    clientConnection = undefined;
    throw err;
  }));

export const handler = async (event: APIGatewayProxyEvent) => {
  await connectClient();
  const user = await client.db('app').collection('users').findOne({ email: event.queryStringParameters?.email });
  return { statusCode: user ? 200 : 404, body: JSON.stringify(user) };
};
