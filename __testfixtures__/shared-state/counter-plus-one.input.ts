import { handle } from 'deps';

let handled = 0;

export async function handler(event: { id: string }): Promise<string> {
  handled += 1;
  const result = await handle(event.id);
  return `${result} (#${handled})`;
}
