'use strict';
// Every minute: drains the fulfilment queue the warehouse system fills in Redis
// and marks the orders as shipped.
const { createClient } = require('redis');
const db = require('../lib/db');

const redis = createClient({ url: process.env.REDIS_URL });
const ready = redis.connect();

exports.handler = async () => {
  await ready;
  let processed = 0;
  for (;;) {
    const job = await redis.blPop('fulfilment-jobs', 2);
    if (!job) break;
    const { orderId, trackingNumber } = JSON.parse(job.element);
    await db.query("UPDATE orders SET status = 'shipped', tracking_number = $1 WHERE id = $2", [trackingNumber, orderId]);
    processed++;
  }
  return { processed };
};
