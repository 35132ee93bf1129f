// A new instance per invocation: its `this` state belongs to one request.
import { loadOrder } from 'deps';

class OrderHandler {
  async handle(event) {
    this.userId = event.userId;
    const order = await loadOrder(event.orderId);
    return { user: this.userId, order };
  }
}

export const handler = async (event) => new OrderHandler().handle(event);
