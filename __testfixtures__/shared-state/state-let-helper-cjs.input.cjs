const { loadOrder } = require('deps');

let tenant = null;

function describe(order) {
  return `${tenant}:${order.id}`;
}

exports.handler = async (event) => {
  tenant = event.tenant;
  const order = await loadOrder(event.orderId);
  return { tenant, label: describe(order) };
};
