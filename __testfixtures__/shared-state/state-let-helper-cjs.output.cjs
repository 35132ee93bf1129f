const { loadOrder } = require('deps');

function describe(order, tenant) {
  return `${tenant}:${order.id}`;
}

exports.handler = async (event) => {
  const tenant = event.tenant;
  const order = await loadOrder(event.orderId);
  return { tenant, label: describe(order, tenant) };
};
