const { audit } = require('deps');

exports.handler = async (event) => {
  process.env.REQUEST_STAGE = `${event.stage}`;
  const audited = await audit(event);
  if (process.env.REQUEST_STAGE === 'prod') {
    return { audited, stage: process.env.REQUEST_STAGE, strict: true };
  }
  return { audited, stage: process.env.REQUEST_STAGE };
};
