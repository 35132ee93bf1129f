const { getAmount } = require('deps');

let total = 0;

async function amountAfterReset(order) {
  total = 0;
  return getAmount(order);
}

exports.handler = async (event) => {
  total += await amountAfterReset(event.order);
  return { total };
};
