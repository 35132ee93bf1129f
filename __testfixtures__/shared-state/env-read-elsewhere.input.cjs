const { audit } = require('deps');

function logTenant() {
  console.log('tenant', process.env.TENANT);
}

exports.handler = async (event) => {
  process.env.TENANT = event.tenant;
  await audit(event);
  logTenant();
  return { tenant: process.env.TENANT };
};
