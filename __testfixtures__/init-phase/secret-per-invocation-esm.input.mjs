import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
const SECRET_ID = process.env.DB_SECRET_ARN;

export const handler = async (event) => {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
  const { username } = JSON.parse(secret.SecretString);
  return { statusCode: 200, body: `${username}:${event.path}` };
};
