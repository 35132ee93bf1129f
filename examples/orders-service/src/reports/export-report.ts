// Nightly CSV export of a tenant's orders, uploaded to the pre-signed URL the scheduler passes in.
import { readFile, writeFile } from 'node:fs/promises';
import type { Context } from 'aws-lambda';

interface ExportReportEvent {
  tenantId: string;
  from: string;
  to: string;
  uploadUrl: string;
}

interface OrderRow {
  id: string;
  customerId: string;
  total: number;
  createdAt: string;
}

async function fetchOrders(tenantId: string, from: string, to: string): Promise<OrderRow[]> {
  const res = await fetch(`${process.env.ORDERS_API_URL}/tenants/${tenantId}/orders?from=${from}&to=${to}`);
  if (!res.ok) throw new Error(`orders API returned ${res.status}`);
  return (await res.json()) as OrderRow[];
}

function toCsv(rows: OrderRow[]): string {
  const lines = rows.map((r) => [r.id, r.customerId, r.total.toFixed(2), r.createdAt].join(','));
  return ['id,customer_id,total,created_at', ...lines].join('\n');
}

export const handler = async (event: ExportReportEvent, context: Context): Promise<{ rows: number; bytes: number; key: string }> => {
  process.env.TENANT_ID = event.tenantId;
  const rows = await fetchOrders(event.tenantId, event.from, event.to);

  await writeFile('/tmp/report.csv', toCsv(rows));
  const body = await readFile('/tmp/report.csv');
  const upload = await fetch(event.uploadUrl, { method: 'PUT', body, headers: { 'content-type': 'text/csv' } });
  if (!upload.ok) throw new Error(`upload failed with ${upload.status}`);

  console.log('report exported', { tenant: process.env.TENANT_ID, rows: rows.length, requestId: context.awsRequestId });
  return { rows: rows.length, bytes: body.length, key: `${process.env.TENANT_ID}/${event.from}.csv` };
};
