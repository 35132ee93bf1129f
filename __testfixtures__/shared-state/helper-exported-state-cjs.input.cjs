const { getPrice } = require('deps');

// other modules read and reset these totals
const stats = { total: 0 };

async function addSale(sale) {
  stats.total = stats.total + await getPrice(sale);
  return stats.total;
}

module.exports = { stats, addSale };
