const { audit } = require('deps');

exports.handler = async (event) => {
  try {
    process.env.TENANT = event.tenant;
    await audit(event);
  } finally {
    console.log('done for', process.env.TENANT);
  }
  return { ok: true };
};
