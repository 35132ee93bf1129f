import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
const ready = client.connect();

export const handler = async (event: { queue: string; tenantDb: number }) => {
  await ready;
  await client.select(event.tenantDb);
  const job = await client.blPop(event.queue, 20);
  const count = await client.incr('jobs:taken');
  return { job, count };
};
