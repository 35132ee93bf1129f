import { loadOrder } from 'deps';

class OrderHandler {
  #userId = null;
  #table = 'orders';

  async handle(event) {
    this.#userId = event.userId;
    const order = await loadOrder(event.orderId, this.#table);
    return { userId: this.#userId, order };
  }
}

const orders = new OrderHandler();
export const handler = orders.handle.bind(orders);
