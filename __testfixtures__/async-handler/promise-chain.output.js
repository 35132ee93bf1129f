const { fetchOrder } = require('./orders');

module.exports.handler = async (event, context) => {
  return fetchOrder(event.orderId)
    .then((order) => ({ statusCode: 200, body: JSON.stringify(order) }));
};
