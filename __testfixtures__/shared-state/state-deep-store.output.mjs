import { AsyncLocalStorage } from 'node:async_hooks';
import { loadOrder } from 'deps';

const tenantStore = new AsyncLocalStorage();

function tableFor(kind) {
  return `${tenantStore.getStore().tenant}-${kind}`;
}

async function loadLines(order) {
  const lines = await loadOrder(order);
  return lines.map((line) => ({ ...line, table: tableFor('lines') }));
}

export const handler = async (event) => {
  const tenant = event.tenant;
  return tenantStore.run({ tenant }, async () => {
    const lines = await loadLines(event.orderId);
    return { tenant, lines };
  });
};
