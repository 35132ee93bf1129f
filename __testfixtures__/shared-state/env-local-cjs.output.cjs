const { audit } = require('deps');

exports.handler = async (event) => {
  const requestStage = `${event.stage}`;
  const audited = await audit(event);
  if (requestStage === 'prod') {
    return { audited, stage: requestStage, strict: true };
  }
  return { audited, stage: requestStage };
};
