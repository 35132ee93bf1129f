const redis = require('redis');

const client = redis.createClient({ url: process.env.REDIS_URL });

exports.handler = async (event) => {
  await client.connect();
  const hits = await client.hIncrBy('hits', event.path, 1);
  await client.disconnect();
  return { hits };
};
