import { getAmount } from 'deps';

export let total = 0;

export const handler = async (event) => {
  total += await getAmount(event.order);
  return { total };
};
