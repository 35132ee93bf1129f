const crypto = require('crypto');
const { promisify } = require('util');
const zlib = require('zlib');

exports.handler = async (event) => {
  const salt = Buffer.from(event.salt, 'hex');
  const hash = await promisify(crypto.pbkdf2)(event.password, salt, 100000, 32, 'sha256');
  const packed = await promisify(zlib.gzip)(JSON.stringify({ hash: hash.toString('hex') }));
  return { hash: hash.toString('hex'), packedBytes: packed.length };
};
