const AWS = require('aws-sdk');

const secretsManager = new AWS.SecretsManager();

module.exports.handler = async function (event) {
  const data = await secretsManager.getSecretValue({ SecretId: process.env.WEBHOOK_SECRET_ID }).promise();
  const expected = JSON.parse(data.SecretString).token;
  if (event.headers['x-token'] !== expected) {
    return { statusCode: 401 };
  }
  return { statusCode: 204 };
};
