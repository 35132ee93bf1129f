import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = (event, context, callback) => {
  const name = event.queryStringParameters?.name;
  if (!name) {
    return callback(null, { statusCode: 400, body: 'name is required' });
  }
  callback(null, { statusCode: 200, body: `hello ${name}` });
};
