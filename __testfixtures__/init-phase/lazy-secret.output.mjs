import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});

let configPromise;

async function loadConfig() {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.NOTIFY_SECRET_ID }));
  return JSON.parse(SecretString);
}

export const handler = async (event) => {
  const config = await (configPromise ??= loadConfig().catch((err) => {
    configPromise = undefined;
    throw err;
  }));
  return { user: config.username, id: event.id };
};
