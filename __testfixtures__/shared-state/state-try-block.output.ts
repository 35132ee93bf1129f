import { loadOrder } from 'deps';

function describe(id: string, currentUser: string | undefined): string {
  return `${id} for ${currentUser}`;
}

export const handler = async (event: { userId: string; orderId: string }) => {
  try {
    const currentUser = event.userId;
    const order = await loadOrder(event.orderId);
    return { owner: currentUser, label: describe(order.id, currentUser) };
  } finally {
    console.log('handled');
  }
};
