const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

exports.handler = function (event) {
  const payloadFile = path.join(require('os').tmpdir(), 'payload.json');
  fs.writeFileSync(payloadFile, JSON.stringify(event.payload));
  const signature = execFileSync('openssl', ['dgst', '-sha256', payloadFile]).toString().trim();
  fs.unlinkSync(payloadFile);
  return { signature };
};
