// The instance is exported: other modules can read `orders.userId`, so it is reported, not rewritten.
import { loadOrder } from 'deps';

export class OrderHandler {
  userId?: string;

  async handle(event: { userId: string; orderId: string }) {
    this.userId = event.userId;
    const order = await loadOrder(event.orderId);
    return { user: this.userId, order };
  }
}

export const orders = new OrderHandler();
export const handler = async (event: { userId: string; orderId: string }) => orders.handle(event);
