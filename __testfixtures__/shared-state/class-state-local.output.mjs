import { loadOrder } from 'deps';

class OrderHandler {
  constructor() {
    this.table = process.env.ORDERS_TABLE ?? 'orders';
  }

  async handle(event) {
    const userId = event.userId;
    const order = await loadOrder(event.orderId, this.table);
    return { user: userId, order };
  }
}

const orders = new OrderHandler();

export const handler = async (event) => orders.handle(event);
