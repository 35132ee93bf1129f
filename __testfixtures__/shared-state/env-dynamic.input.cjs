const { execFile } = require('node:child_process');
const { audit } = require('deps');

exports.handler = async (event) => {
  process.env.TENANT = event.tenant;
  await audit(event);
  execFile('report', { env: process.env });
  return { tenant: process.env.TENANT };
};
