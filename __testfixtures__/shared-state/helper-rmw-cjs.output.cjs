// Sales totals, called by the order handlers (no handler in this module).
const { getPrice } = require('deps');

let revenue = 0;

async function recordSale(sale) {
  const price = await getPrice(sale);
  revenue += price;
  return { revenue };
}

function resetRevenue() {
  revenue = 0;
}

module.exports = { recordSale, resetRevenue };
