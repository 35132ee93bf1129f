import { applyInterest } from 'deps';

const balances = new Map<string, number>();

export const handler = async (event: { account: string; rate: number }) => {
  const { account, rate } = event;
  const current = balances.get(account) ?? 100;
  const updated: number = await applyInterest(current, rate);
  balances.set(account, updated);
  return { account, balance: updated };
};
