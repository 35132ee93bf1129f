// `total += await f()` reads total before the await: concurrent requests lose each other's updates.
const { setTimeout: sleep } = require('node:timers/promises');

let total = 0;

async function amountOf(event) {
  await sleep(10);
  return event.value;
}

exports.handler = async (event) => {
  total += await amountOf(event);
  return { total };
};
