'use strict';
// GET /orders: the caller's most recent orders.
const { Pool } = require('pg');

const PAGE_SIZE = 20;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX || 2) });

let coldStart = true;
let requestsServed = 0;

exports.handler = async (event) => {
  const served = ++requestsServed;
  const wasColdStart = coldStart;
  coldStart = false;

  const customerId = event.requestContext.authorizer.jwt.claims.sub;
  const { rows } = await pool.query(
    'SELECT id, status, total, currency, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2',
    [customerId, PAGE_SIZE],
  );
  console.log('listed orders', { count: rows.length, served, coldStart: wasColdStart });
  return { statusCode: 200, body: JSON.stringify(rows) };
};
