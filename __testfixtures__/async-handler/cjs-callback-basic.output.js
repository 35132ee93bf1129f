'use strict';
const db = require('./db');

// Looks an item up by id.
exports.handler = async function(event, context) {
  const id = event.pathParameters.id;
  if (!id) {
    throw new Error('missing id');
  }
  const item = db.lookup(id);
  return { statusCode: 200, body: JSON.stringify(item) };
};
