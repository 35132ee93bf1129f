'use strict';
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const secrets = new SecretsManagerClient({});

async function loadInit() {
  // the API key is the same for every request
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.API_KEY_SECRET }));
  return { SecretString };
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

exports.handler = async (event) => {
  const { SecretString } = await whenReady();
  const apiKey = JSON.parse(SecretString).apiKey;
  return { statusCode: 200, body: JSON.stringify({ user: event.user, keyLength: apiKey.length }) };
};
