const { getAmount } = require('deps');

let total = 0;

exports.handler = async (event) => {
  // add this order to the running total
  total += await getAmount(event.order);
  return { total };
};
