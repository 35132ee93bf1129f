const zlib = require('zlib');

exports.handler = function (event, context, callback) {
  const compressed = Buffer.from(event.payload, 'base64');
  zlib.gunzip(compressed, (err, raw) => {
    if (err) return callback(err);
    const body = JSON.parse(raw.toString('utf8'));
    callback(null, { items: body.items.length });
  });
};
