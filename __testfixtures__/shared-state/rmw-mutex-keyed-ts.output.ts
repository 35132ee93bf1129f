import { Mutex } from 'async-mutex';
import { applyInterest } from 'deps';

const balances = new Map<string, number>();

// one lock per key, dropped when no request holds or waits for it
const balancesLocks = new Map<unknown, { mutex: Mutex; users: number }>();

async function withBalancesLock<T>(key: unknown, section: () => Promise<T>): Promise<T> {
  let lock = balancesLocks.get(key);
  if (!lock) balancesLocks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
  lock.users++;
  try {
    return await lock.mutex.runExclusive(section);
  } finally {
    if (--lock.users === 0) balancesLocks.delete(key);
  }
}

export const handler = async (event: { account: string; rate: number }) => {
  const { account, rate } = event;
  const updated = await withBalancesLock(account, async () => {
    const current = balances.get(account) ?? 100;
    const updated: number = await applyInterest(current, rate);
    balances.set(account, updated);
    return updated;
  });
  return { account, balance: updated };
};
