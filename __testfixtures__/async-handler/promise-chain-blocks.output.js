const db = require('./db');

exports.handler = async function(event, context) {
  return db.query('SELECT * FROM items WHERE owner = $1', [event.owner]).then(
    function (rows) {
      if (!rows.length) {
        return { statusCode: 404 };
      }
      return { statusCode: 200, body: JSON.stringify(rows) };
    },
    function (err) {
      console.error('query failed', err);
      throw err;
    },
  );
};
