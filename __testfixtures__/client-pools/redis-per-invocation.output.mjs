import { createClient } from 'redis';

// One Redis client per worker thread, shared by its concurrent requests: connect once, share the attempt, retry after a failure.
const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.error('redis', err));
let clientConnection;
const connectClient = () =>
  (clientConnection ??= client.connect().catch((err) => {
    clientConnection = undefined;
    throw err;
  }));

export const handler = async (event) => {
  await connectClient();
  const views = await client.incr(`views:${event.pathParameters.id}`);
  return { statusCode: 200, body: JSON.stringify({ views }) };
};
