// The method calls code the instance was given (`this.hooks`), which may run `handle` again on the
// same instance in the middle: a local would change what that nested run leaves behind. Reported only.
import { loadOrder } from 'deps';

class OrderHandler {
  constructor(hooks) {
    this.hooks = hooks;
  }

  async handle(event) {
    this.userId = event.userId;
    await this.hooks.beforeLoad(event);
    const order = await loadOrder(event.orderId);
    return { user: this.userId, order };
  }
}

const orders = new OrderHandler({ beforeLoad: async () => {} });
export const handler = async (event) => orders.handle(event);
