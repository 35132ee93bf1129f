const Redis = require('ioredis');

exports.handler = async (event) => {
  const redis = new Redis(process.env.REDIS_URL);
  const cached = await redis.get(`product:${event.sku}`);
  if (cached) {
    await redis.quit();
    return JSON.parse(cached);
  }
  await redis.quit();
  return null;
};
