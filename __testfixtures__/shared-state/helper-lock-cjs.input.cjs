const { applyInterest } = require('deps');

const balances = new Map();

exports.accrue = async (account, rate) => {
  const current = balances.get(account) ?? 100;
  const next = await applyInterest(current, rate);
  balances.set(account, next);
  return next;
};
