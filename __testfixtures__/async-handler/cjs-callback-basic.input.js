'use strict';
const db = require('./db');

// Looks an item up by id.
exports.handler = function (event, context, callback) {
  const id = event.pathParameters.id;
  if (!id) {
    callback(new Error('missing id'));
    return;
  }
  const item = db.lookup(id);
  callback(null, { statusCode: 200, body: JSON.stringify(item) });
};
