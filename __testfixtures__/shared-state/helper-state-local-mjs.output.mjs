import { loadOrder, audit } from 'deps';

export async function describeOrder(id) {
  // the order being described
  const currentOrder = await loadOrder(id);
  await audit(id);
  return label(currentOrder);
}

function label(currentOrder) {
  return `${currentOrder.id}: ${currentOrder.total}`;
}
