import { loadOrder } from 'deps';

let lastUser;

export const handler = async (event) => {
  const previous = lastUser;
  lastUser = event.userId;
  const order = await loadOrder(event.orderId);
  return { previous, owner: lastUser, order };
};
