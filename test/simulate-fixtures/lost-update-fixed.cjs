// The fix: await into a local first, then update synchronously (a per-worker running total).
const { setTimeout: sleep } = require('node:timers/promises');

let total = 0;

async function amountOf(event) {
  await sleep(10);
  return event.value;
}

exports.handler = async (event) => {
  const amount = await amountOf(event);
  total += amount;
  return { total };
};
