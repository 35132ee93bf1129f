const { loadOrder } = require('deps');

let tenant;

function label(id) {
  return `${tenant}:${id}`;
}

exports.handler = async (event) => {
  const previous = label(event.orderId);
  tenant = event.tenant;
  const order = await loadOrder(event.orderId);
  return { previous, label: label(order.id) };
};
