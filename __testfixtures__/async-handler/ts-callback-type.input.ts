import { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';

export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  if (!event.body) {
    callback(new Error('empty body'));
    return;
  }
  callback(null, { statusCode: 201, body: event.body });
}
