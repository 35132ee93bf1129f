import { measure } from 'deps';

let bytesSeen = 0;

export async function handler(event: { body: string }): Promise<{ size: number; seen: number }> {
  const seen = bytesSeen;
  const size = await measure(event.body);
  bytesSeen = seen + size;
  return { size, seen: bytesSeen };
}
