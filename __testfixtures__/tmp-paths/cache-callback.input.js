const fs = require('fs');
const https = require('https');

const CERT = '/tmp/rds-ca.pem';

exports.handler = async () => {
  if (!fs.existsSync(CERT)) {
    const pem = await new Promise((resolve, reject) => {
      https.get(process.env.CA_URL, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    fs.writeFile(CERT, pem, () => {});
  }
  return { ca: fs.existsSync(CERT) };
};
