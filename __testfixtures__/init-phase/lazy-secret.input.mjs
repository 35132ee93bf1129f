import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});

let config;

async function loadConfig() {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.NOTIFY_SECRET_ID }));
  return JSON.parse(SecretString);
}

export const handler = async (event) => {
  if (!config) config = await loadConfig();
  return { user: config.username, id: event.id };
};
