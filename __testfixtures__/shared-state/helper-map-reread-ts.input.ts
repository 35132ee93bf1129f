import { countWords } from 'deps';

const wordsByTenant = new Map<string, number>();

export async function recordUsage(tenant: string, text: string): Promise<number> {
  const used = wordsByTenant.get(tenant) ?? 0;
  const words: number = await countWords(text);
  wordsByTenant.set(tenant, used + words);
  return words;
}

export function usageOf(tenant: string): number {
  return wordsByTenant.get(tenant) ?? 0;
}
