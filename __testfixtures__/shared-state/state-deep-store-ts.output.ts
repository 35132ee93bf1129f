import { AsyncLocalStorage } from 'node:async_hooks';
import { loadOrder } from 'deps';

// the caller's tenant
const tenantStore = new AsyncLocalStorage<{ tenant: string | undefined }>();

function tableFor(kind: string): string {
  return `${tenantStore.getStore()!.tenant}-${kind}`;
}

async function loadLines(order: string): Promise<Array<{ id: string; table: string }>> {
  const lines: Array<{ id: string }> = await loadOrder(order);
  return lines.map((line) => ({ ...line, table: tableFor('lines') }));
}

export async function handler(event: { tenant: string; orderId: string }) {
  const tenant = event.tenant;
  return tenantStore.run({ tenant }, async () => {
    const lines = await loadLines(event.orderId);
    return { tenant, lines };
  });
}
