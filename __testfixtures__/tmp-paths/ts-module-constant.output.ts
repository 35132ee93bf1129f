import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

interface Price {
  sku: string;
  cents: number;
}

async function countPrices(file: string): Promise<number> {
  const staged = JSON.parse(await readFile(file, 'utf8')) as Price[];
  return staged.length;
}

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'prices-'));

  // Where the merged price list is staged before it is counted.
  const PRICE_LIST_PATH = path.join(tmpDir, 'prices.json');

  try {
    const prices: Price[] = JSON.parse(event.body ?? '[]');
    await writeFile(PRICE_LIST_PATH, JSON.stringify(prices));
    const count = await countPrices(PRICE_LIST_PATH);
    return { statusCode: 200, body: JSON.stringify({ count }) };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
};
