const { getAmount } = require('deps');

let total = 0;

exports.handler = async (event) => {
  for (const order of event.orders) total += await getAmount(order);
  return { total };
};
