const { fetchOrder } = require('./orders');

module.exports.handler = (event, context, callback) => {
  fetchOrder(event.orderId)
    .then((order) => callback(null, { statusCode: 200, body: JSON.stringify(order) }))
    .catch(callback);
};
