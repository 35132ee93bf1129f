// A TypeScript handler (in a package without "type": "module"): loaded through tsx in each worker.
import { setTimeout as sleep } from 'node:timers/promises';

interface OrderEvent {
  id: number;
}

export const handler = async (event: OrderEvent): Promise<{ id: number }> => {
  await sleep(5);
  return { id: event.id };
};
