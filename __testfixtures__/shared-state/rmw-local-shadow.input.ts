import { getAmount } from 'deps';

let total = 0;

export const handler = async (event: { orders: string[] }): Promise<number> => {
  let total = 0;
  for (const order of event.orders) total += await getAmount(order);
  return total;
};

export const reset = (): void => {
  total = 0;
};
