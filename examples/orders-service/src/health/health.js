'use strict';
// GET /health for the load balancer, plus a small status page the on-call dashboard polls.
const express = require('express');
const { version } = require('../../package.json');

const startedAt = new Date().toISOString();

const app = express();
app.get('/status', (req, res) => res.json({ version, startedAt, uptime: process.uptime() }));
app.listen(Number(process.env.STATUS_PORT || 8081));

exports.handler = (event) => {
  return { statusCode: 200, body: JSON.stringify({ ok: true, version, startedAt }) };
};
