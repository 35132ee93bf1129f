// The fix: per-request data in a local.
const { setTimeout: sleep } = require('node:timers/promises');

exports.handler = async (event) => {
  const currentUser = event.key;
  await sleep(20);
  return { user: currentUser };
};
