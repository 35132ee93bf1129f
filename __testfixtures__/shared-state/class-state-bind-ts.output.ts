import { loadOrder } from 'deps';

interface OrderEvent {
  userId: string;
  orderId: string;
}

class OrderHandler {
  private readonly table = 'orders';

  async handle(event: OrderEvent) {
    // who is asking
    const userId = event.userId;
    const order = await loadOrder(event.orderId, this.table);
    return { user: userId!, order };
  }
}

const orders = new OrderHandler();
export const handler = orders.handle.bind(orders);
