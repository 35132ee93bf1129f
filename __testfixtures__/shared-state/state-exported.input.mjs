import { loadOrder } from 'deps';

export let currentUser;

export const handler = async (event) => {
  currentUser = event.userId;
  const order = await loadOrder(event.orderId);
  return { owner: currentUser, order };
};
