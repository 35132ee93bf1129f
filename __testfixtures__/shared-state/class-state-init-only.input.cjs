// `this` state written only at init (the constructor), lazily initialised once, or static:
// the same for every request, nothing to report.
const { connect, loadOrder } = require('deps');

class OrderHandler {
  static defaults = { region: 'eu-west-1' };

  constructor(table) {
    this.table = table;
    this.region = OrderHandler.defaults.region;
  }

  async handle(event) {
    if (!this.db) this.db = await connect(this.region);
    const order = await loadOrder(this.db, this.table, event.orderId);
    return { order };
  }
}

const orders = new OrderHandler(process.env.TABLE);
exports.handler = async (event) => orders.handle(event);
