// GET /skus/{sku}: product details from the nightly catalog snapshot, plus live stock.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

interface CatalogItem {
  sku: string;
  name: string;
  priceCents: number;
}

const CATALOG_URL = process.env.CATALOG_SNAPSHOT_URL ?? '';
const CATALOG_PATH = '/tmp/catalog-snapshot.json';

// Stock changes slowly; no need to ask the warehouse every time.
const stockCache = new Map<string, number>();

async function stockFor(sku: string): Promise<number> {
  if (!stockCache.has(sku)) {
    const res = await fetch(`${process.env.WAREHOUSE_API}/stock/${encodeURIComponent(sku)}`);
    const body = (await res.json()) as { quantity: number };
    stockCache.set(sku, body.quantity);
  }
  return stockCache.get(sku) ?? 0;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const sku = event.pathParameters?.sku;
  if (!sku) return { statusCode: 400, body: JSON.stringify({ message: 'sku is required' }) };

  // The snapshot is big: download it once per container.
  if (!existsSync(CATALOG_PATH)) {
    const res = await fetch(CATALOG_URL);
    await writeFile(CATALOG_PATH, Buffer.from(await res.arrayBuffer()));
  }
  const catalog = JSON.parse(await readFile(CATALOG_PATH, 'utf8')) as Record<string, CatalogItem>;

  const item = catalog[sku];
  if (!item) return { statusCode: 404, body: JSON.stringify({ message: 'Unknown sku' }) };
  return { statusCode: 200, body: JSON.stringify({ ...item, inStock: await stockFor(sku) }) };
};
