import { loadOrder } from 'deps';

let currentUser: string | undefined;

function describe(id: string): string {
  return `${id} for ${currentUser}`;
}

export const handler = async (event: { userId: string; orderId: string }) => {
  try {
    currentUser = event.userId;
    const order = await loadOrder(event.orderId);
    return { owner: currentUser, label: describe(order.id) };
  } finally {
    console.log('handled');
  }
};
