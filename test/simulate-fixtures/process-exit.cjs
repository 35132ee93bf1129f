// process.exit() in a handler kills its worker thread and every request in flight on it;
// one at a time, only the request that exits is lost.
const { setTimeout: sleep } = require('node:timers/promises');

exports.handler = async (event) => {
  await sleep(10 * event.id);
  if (event.id === 3) process.exit(1);
  return { id: event.id };
};
