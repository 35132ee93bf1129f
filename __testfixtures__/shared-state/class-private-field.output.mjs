import { loadOrder } from 'deps';

class OrderHandler {
  #table = 'orders';

  async handle(event) {
    const userId = event.userId;
    const order = await loadOrder(event.orderId, this.#table);
    return { userId, order };
  }
}

const orders = new OrderHandler();
export const handler = orders.handle.bind(orders);
