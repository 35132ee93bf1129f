// `this.userId` is read by a second method: a local would have to be passed to it, so the
// instance state is reported for a person to fix, not rewritten.
const { audit, loadOrder } = require('deps');

class OrderHandler {
  async handle(event) {
    this.userId = event.userId;
    const order = await loadOrder(event.orderId);
    await this.record(order);
    return { user: this.userId, order };
  }

  async record(order) {
    await audit(this.userId, order);
  }
}

const orders = new OrderHandler();
exports.handler = orders.handle.bind(orders);
