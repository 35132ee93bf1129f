'use strict';
// POST /orders: prices the cart and stores the order with its items.
const fs = require('fs');
const { randomUUID } = require('crypto');
const db = require('../lib/db');
const { setRequestInfo, getRequestInfo } = require('../lib/state');
const { sendMetric } = require('../lib/metrics');

let ordersServed = 0;

exports.handler = async (event) => {
  setRequestInfo(event);
  ordersServed++;

  const pricing = JSON.parse(fs.readFileSync('./config/pricing.json', 'utf8'));
  const cart = JSON.parse(event.body);
  const subtotal = cart.items.reduce((sum, item) => sum + (pricing.prices[item.sku] || 0) * item.quantity, 0);
  const total = Math.round(subtotal * (1 + pricing.taxRate) * 100) / 100;
  const orderId = randomUUID();

  await db.transaction(async (client) => {
    await client.query(
      'INSERT INTO orders (id, customer_id, total, currency, status) VALUES ($1, $2, $3, $4, $5)',
      [orderId, getRequestInfo().userId, total, pricing.currency, 'pending'],
    );
    for (const item of cart.items) {
      await client.query('INSERT INTO order_items (order_id, sku, quantity) VALUES ($1, $2, $3)', [orderId, item.sku, item.quantity]);
    }
  });

  sendMetric('OrderCreated', 1);
  console.log('order created', { orderId, userId: getRequestInfo().userId, total });

  return {
    statusCode: 201,
    // handy when debugging warm containers
    headers: { 'x-orders-served': String(ordersServed) },
    body: JSON.stringify({ orderId, total, currency: pricing.currency }),
  };
};
