import { getAmount } from 'deps';

let total = 0;

export const handler = async (event) => {
  total = (await getAmount(event.order)) + total;
  return { total };
};
