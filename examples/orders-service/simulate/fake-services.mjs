// Setup module for `lmi-migrate simulate`: stands in for the HTTP services the fetch-based handlers
// call (orders API, upload URLs, payment provider, catalog, warehouse, storefront, metrics) and for
// the database, Redis and AWS SDK clients and middy that the handlers require or import. Fixed delays
// make the interleaving of concurrent invocations, and so the report, repeatable.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAKE_FILES } from './fakes/fake-files.mjs';

// The example is never installed: `require` and `import` of the packages in ./fakes/fake-files.mjs
// load the fakes in ./fakes/node_modules (simulate counts their clients like the real ones', since
// they live in a node_modules folder).
const FAKES = new Map([...FAKE_FILES].map(([name, file]) => [name, fileURLToPath(new URL(file, new URL('./fakes/', import.meta.url)))]));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return FAKES.get(request) ?? resolveFilename.call(this, request, ...rest);
};
register('./fakes/resolve-hooks.mjs', import.meta.url);

process.env.ORDERS_API_URL = 'https://orders.test';
process.env.PAYMENT_PROVIDER_URL = 'https://payments.test';
process.env.PAYMENT_API_KEY = 'test-key';
process.env.WEBHOOK_SECRET = 'test-webhook-secret';
process.env.CATALOG_SNAPSHOT_URL = 'https://catalog.test/snapshot.json';
process.env.WAREHOUSE_API = 'https://warehouse.test';
process.env.STOREFRONT_URL = 'https://storefront.test';
process.env.METRICS_URL = 'https://metrics.test';
process.env.ORDERS_TABLE = 'orders';
process.env.INVOICE_BUCKET = 'invoices';
process.env.NOTIFY_SECRET_ID = 'notify-secret';
process.env.CRM_URL = 'https://crm.test';

const CATALOG = {
  'MUG-001': { sku: 'MUG-001', name: 'Mug', priceCents: 1250 },
  'TEE-014': { sku: 'TEE-014', name: 'T-shirt', priceCents: 2400 },
};

function json(body) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

globalThis.fetch = async (input, init = {}) => {
  const url = new URL(String(input));
  await sleep(10);
  if (url.host === 'orders.test') {
    // one order per day of the requested range, tagged with the tenant
    const tenant = url.pathname.split('/')[2];
    const count = Number(url.searchParams.get('to').slice(-2)) - Number(url.searchParams.get('from').slice(-2)) + 1;
    return json(Array.from({ length: count }, (_, i) => ({ id: `${tenant}-${i}`, customerId: `c-${i}`, total: 10 + i, createdAt: url.searchParams.get('from') })));
  }
  if (url.host === 'upload.test') {
    // the pre-signed URL accepts the CSV; its byte length tells the test which file was uploaded
    const body = init.body;
    await sleep(10);
    return new Response(null, { status: 200, headers: { 'x-bytes': String(body ? body.length : 0) } });
  }
  if (url.host === 'payments.test') {
    const { reference, amount } = JSON.parse(init.body);
    return json({ id: `ch_${reference}`, status: amount > 0 ? 'succeeded' : 'failed' });
  }
  if (url.host === 'catalog.test') return json(CATALOG);
  // one warehouse (see README: with more, sync.ts's running total interleaves even after the migration)
  if (url.host === 'warehouse.test' && url.pathname === '/warehouses') return json([{ id: 'w1', url: 'https://warehouse.test/w1' }]);
  if (url.host === 'warehouse.test' && url.pathname === '/w1/stock') return json([{ sku: 'MUG-001', quantity: 7 }, { sku: 'TEE-014', quantity: 3 }]);
  if (url.host === 'storefront.test' || url.host === 'metrics.test') return new Response(null, { status: 204 });
  if (url.host === 'mailer.test') return json({ queued: true });
  if (url.host === 'crm.test') {
    // a multi-tenant CRM: an event for another tenant's order is refused
    const tenant = new Headers(init.headers).get('x-tenant-id');
    const { orderId } = JSON.parse(init.body);
    if (!tenant || !orderId.startsWith(`${tenant}-`)) return new Response(JSON.stringify({ message: `order ${orderId} is not in tenant ${tenant}` }), { status: 403, headers: { 'content-type': 'application/json' } });
    return new Response(null, { status: 204 });
  }
  if (url.host === 'warehouse.test') return json({ quantity: url.pathname.endsWith('MUG-001') ? 7 : 3 });
  return new Response('not found', { status: 404 });
};
