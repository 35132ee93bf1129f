import { loadOrder } from 'deps';

let currentUser;

export const getHandler = async (event) => {
  currentUser = event.userId;
  const order = await loadOrder(event.orderId);
  return { owner: currentUser, order };
};

export const deleteHandler = async (event) => {
  currentUser = event.userId;
  await loadOrder(event.orderId);
  return { deletedBy: currentUser };
};
