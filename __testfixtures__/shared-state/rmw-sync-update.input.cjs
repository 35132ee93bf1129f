const { getAmount } = require('deps');

let total = 0;

exports.handler = async (event) => {
  const amount = await getAmount(event.order);
  total += amount; // synchronous: nothing runs between the read and the write
  return { total };
};
