const { loadOrder } = require('deps');

let tenant;

function tableFor(kind) {
  return `${tenant}-${kind}`;
}

exports.tableFor = tableFor;

exports.handler = async (event) => {
  tenant = event.tenant;
  const order = await loadOrder(tableFor('orders'), event.orderId);
  return { tenant, order };
};
