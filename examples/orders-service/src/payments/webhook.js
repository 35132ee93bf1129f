'use strict';
// POST /payments/webhook: status notifications from the payment provider.
const crypto = require('crypto');
const db = require('../lib/db');

exports.handler = async function (event, context) {
  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(event.body).digest('hex');
  if (event.headers['x-signature'] !== expected) {
    context.succeed({ statusCode: 401, body: JSON.stringify({ message: 'Invalid signature' }) });
    return;
  }

  const notification = JSON.parse(event.body);
  await db.query('UPDATE orders SET payment_status = $1 WHERE id = $2', [notification.status, notification.reference]);
  context.succeed({ statusCode: 204 });
};
