import { loadOrder } from 'deps';

// the caller's tenant
let tenant: string | undefined;

function tableFor(kind: string): string {
  return `${tenant}-${kind}`;
}

async function loadLines(order: string): Promise<Array<{ id: string; table: string }>> {
  const lines: Array<{ id: string }> = await loadOrder(order);
  return lines.map((line) => ({ ...line, table: tableFor('lines') }));
}

export async function handler(event: { tenant: string; orderId: string }) {
  tenant = event.tenant;
  const lines = await loadLines(event.orderId);
  return { tenant, lines };
}
