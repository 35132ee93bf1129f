import { getAmount } from 'deps';

let total = 0;

export const handler = async (event: { order: string }): Promise<number> => {
  // lmi-migrate-ignore-next-line rmw-across-await
  total += await getAmount(event.order);
  return total;
};
