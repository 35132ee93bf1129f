const { Mutex } = require('async-mutex');
const { applyInterest } = require('deps');

const balances = new Map();

// one lock per key, dropped when no request holds or waits for it
const balancesLocks = new Map();

async function withBalancesLock(key, section) {
  let lock = balancesLocks.get(key);
  if (!lock) balancesLocks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
  lock.users++;
  try {
    return await lock.mutex.runExclusive(section);
  } finally {
    if (--lock.users === 0) balancesLocks.delete(key);
  }
}

exports.accrue = async (account, rate) => {
  const next = await withBalancesLock(account, async () => {
    const current = balances.get(account) ?? 100;
    const next = await applyInterest(current, rate);
    balances.set(account, next);
    return next;
  });
  return next;
};
