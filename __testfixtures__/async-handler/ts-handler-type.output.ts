import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context) => {
  const name = event.queryStringParameters?.name;
  if (!name) {
    return { statusCode: 400, body: 'name is required' };
  }
  return { statusCode: 200, body: `hello ${name}` };
};
