// Per-request data kept in a module global: a concurrent request overwrites it during the await.
const { setTimeout: sleep } = require('node:timers/promises');

let currentUser;

exports.handler = async (event) => {
  currentUser = event.key;
  await sleep(20);
  return { user: currentUser };
};
