const { applyInterest } = require('deps');

const balances = new Map();

exports.handler = async (event) => {
  const { account, rate } = event;
  const current = balances.get(account) ?? 100;
  const updated = await applyInterest(current, rate);
  balances.set(account, updated);
  return { account, balance: updated };
};
