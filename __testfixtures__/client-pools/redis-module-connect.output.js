const redis = require('redis');

const client = redis.createClient({ url: process.env.REDIS_URL });

// One Redis client per worker thread, shared by its concurrent requests: connect once, share the attempt, retry after a failure.
let clientConnection;
const connectClient = () =>
  (clientConnection ??= client.connect().catch((err) => {
    clientConnection = undefined;
    throw err;
  }));

exports.handler = async (event) => {
  await connectClient();
  const hits = await client.hIncrBy('hits', event.path, 1);
  return { hits };
};
