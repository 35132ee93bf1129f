// Static configuration and constructor-only fields: read per request, never written.
import { loadOrder } from 'deps';

class OrderHandler {
  static readonly table = 'orders';
  private readonly retries: number;

  constructor(retries: number) {
    this.retries = retries;
  }

  async handle(event: { orderId: string }) {
    const order = await loadOrder(event.orderId, OrderHandler.table, this.retries);
    return { order };
  }
}

const orders = new OrderHandler(3);
export const handler = async (event: { orderId: string }) => orders.handle(event);
