const { openStream } = require('./stream');

exports.handler = (event, context, callback) => {
  const chunks = [];
  const stream = openStream(event.key);
  stream.on('data', (chunk) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks).toString()));
  stream.on('error', callback);
};
