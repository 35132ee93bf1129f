const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const fs = require('fs');
const path = require('path');

const secrets = new SecretsManagerClient({});

exports.handler = async (event) => {
  // each tenant has its own secret and its own template: both depend on the request
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: `tenant/${event.tenantId}` }));
  const template = await fs.promises.readFile(path.join(__dirname, 'templates', `${event.template}.html`), 'utf8');
  return { statusCode: 200, body: template.replace('{{key}}', JSON.parse(SecretString).key) };
};
