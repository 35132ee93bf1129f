const db = require('./db');

exports.handler = function (event, context, callback) {
  db.query('SELECT * FROM items WHERE owner = $1', [event.owner]).then(
    function (rows) {
      if (!rows.length) {
        return callback(null, { statusCode: 404 });
      }
      callback(null, { statusCode: 200, body: JSON.stringify(rows) });
    },
    function (err) {
      console.error('query failed', err);
      callback(err);
    },
  );
};
