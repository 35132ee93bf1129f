import { loadOrder } from 'deps';

const TABLE = 'orders';
const limits = Object.freeze({ max: 10 });
let warmedUp = false;

export const handler = async (event: { id: string }) => {
  warmedUp = true;
  const order = await loadOrder(TABLE, event.id);
  return { order, max: limits.max, warmedUp };
};
