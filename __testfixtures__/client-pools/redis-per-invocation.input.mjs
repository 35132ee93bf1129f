import { createClient } from 'redis';

export const handler = async (event) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error('redis', err));
  await client.connect();
  const views = await client.incr(`views:${event.pathParameters.id}`);
  await client.quit();
  return { statusCode: 200, body: JSON.stringify({ views }) };
};
