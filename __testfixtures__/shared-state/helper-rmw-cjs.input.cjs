// Sales totals, called by the order handlers (no handler in this module).
const { getPrice } = require('deps');

let revenue = 0;

async function recordSale(sale) {
  revenue += await getPrice(sale);
  return { revenue };
}

function resetRevenue() {
  revenue = 0;
}

module.exports = { recordSale, resetRevenue };
