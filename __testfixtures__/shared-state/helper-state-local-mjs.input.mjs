import { loadOrder, audit } from 'deps';

// the order being described
let currentOrder;

export async function describeOrder(id) {
  currentOrder = await loadOrder(id);
  await audit(id);
  return label();
}

function label() {
  return `${currentOrder.id}: ${currentOrder.total}`;
}
