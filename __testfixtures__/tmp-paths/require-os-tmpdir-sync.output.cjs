const fs = require('fs');
const path = require('path');
const { tmpdir } = require('os');
const { execFileSync } = require('child_process');

exports.handler = function (event) {
  const tmpDir = fs.mkdtempSync(path.join(tmpdir(), 'payload-'));

  try {
    const payloadFile = path.join(tmpDir, 'payload.json');
    fs.writeFileSync(payloadFile, JSON.stringify(event.payload));
    const signature = execFileSync('openssl', ['dgst', '-sha256', payloadFile]).toString().trim();
    fs.unlinkSync(payloadFile);
    return { signature };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
};
