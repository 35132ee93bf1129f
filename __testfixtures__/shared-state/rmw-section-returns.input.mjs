import { applyInterest } from 'deps';

const balances = new Map();

export const handler = async (event) => {
  const current = balances.get(event.account) ?? 0;
  const updated = await applyInterest(current, event.rate);
  if (updated < 0) return { rejected: true };
  balances.set(event.account, updated);
  return { balance: updated };
};
