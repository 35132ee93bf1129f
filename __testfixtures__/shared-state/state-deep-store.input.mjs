import { loadOrder } from 'deps';

let tenant;

function tableFor(kind) {
  return `${tenant}-${kind}`;
}

async function loadLines(order) {
  const lines = await loadOrder(order);
  return lines.map((line) => ({ ...line, table: tableFor('lines') }));
}

export const handler = async (event) => {
  tenant = event.tenant;
  const lines = await loadLines(event.orderId);
  return { tenant, lines };
};
