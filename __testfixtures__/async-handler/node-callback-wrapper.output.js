const zlib = require('zlib');

exports.handler = async function(event, context) {
  const compressed = Buffer.from(event.payload, 'base64');

  return new Promise((resolve, reject) => {
    zlib.gunzip(compressed, (err, raw) => {
      if (err) return reject(err);
      const body = JSON.parse(raw.toString('utf8'));
      resolve({ items: body.items.length });
    });
  });
};
