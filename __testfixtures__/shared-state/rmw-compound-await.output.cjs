const { getAmount } = require('deps');

let total = 0;

exports.handler = async (event) => {
  // add this order to the running total
  const amount = await getAmount(event.order);
  total += amount;
  return { total };
};
