const Redis = require('ioredis');

// One Redis client per worker thread, shared by its concurrent requests.
const redis = new Redis(process.env.REDIS_URL);

exports.handler = async (event) => {
  const cached = await redis.get(`product:${event.sku}`);
  if (cached) {
    return JSON.parse(cached);
  }
  return null;
};
