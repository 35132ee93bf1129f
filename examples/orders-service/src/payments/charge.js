'use strict';
// Charges the customer's card through the payment provider. Invoked by the checkout state machine.
const PROVIDER_URL = process.env.PAYMENT_PROVIDER_URL;

function createCharge(order) {
  return fetch(`${PROVIDER_URL}/v1/charges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.PAYMENT_API_KEY}` },
    body: JSON.stringify({ amount: Math.round(order.total * 100), currency: order.currency, reference: order.orderId }),
  }).then((res) => {
    if (!res.ok) throw new Error(`payment provider returned ${res.status}`);
    return res.json();
  });
}

exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;

  if (!event.orderId || !event.total) {
    callback(new Error('orderId and total are required'));
    return;
  }

  createCharge(event)
    .then((charge) => callback(null, { orderId: event.orderId, chargeId: charge.id, status: charge.status }))
    .catch((err) => callback(err));
};
