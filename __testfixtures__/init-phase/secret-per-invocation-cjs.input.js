'use strict';
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const secrets = new SecretsManagerClient({});

exports.handler = async (event) => {
  // the API key is the same for every request
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.API_KEY_SECRET }));
  const apiKey = JSON.parse(SecretString).apiKey;
  return { statusCode: 200, body: JSON.stringify({ user: event.user, keyLength: apiKey.length }) };
};
