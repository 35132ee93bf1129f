import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

interface Config {
  greetings: Record<string, string>;
}

const config: Config = JSON.parse(readFileSync(join(import.meta.dirname, 'config.json'), 'utf8'));

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const lang = event.queryStringParameters?.lang ?? 'en';
  return { statusCode: 200, body: config.greetings[lang] ?? config.greetings.en };
};
