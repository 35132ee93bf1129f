import { loadOrder } from 'deps';

interface OrderEvent {
  userId: string;
  orderId: string;
}

class OrderHandler {
  private userId?: string;
  private readonly table = 'orders';

  async handle(event: OrderEvent) {
    // who is asking
    this.userId = event.userId;
    const order = await loadOrder(event.orderId, this.table);
    return { user: this.userId!, order };
  }
}

const orders = new OrderHandler();
export const handler = orders.handle.bind(orders);
