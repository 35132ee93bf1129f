const AWS = require('aws-sdk');

const secretsManager = new AWS.SecretsManager();

async function loadInit() {
  const data = await secretsManager.getSecretValue({ SecretId: process.env.WEBHOOK_SECRET_ID }).promise();
  return { data };
}
let ready;
function whenReady() {
  ready ??= loadInit().catch((err) => {
    ready = undefined;
    throw err;
  });
  return ready;
}
// start loading at init; a failure is not an unhandled rejection and is retried by the next invocation
whenReady().catch(() => {});

module.exports.handler = async function (event) {
  const { data } = await whenReady();
  const expected = JSON.parse(data.SecretString).token;
  if (event.headers['x-token'] !== expected) {
    return { statusCode: 401 };
  }
  return { statusCode: 204 };
};
