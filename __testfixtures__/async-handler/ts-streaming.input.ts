import type { APIGatewayProxyEventV2 } from 'aws-lambda';

declare const awslambda: {
  streamifyResponse(fn: (event: APIGatewayProxyEventV2, stream: NodeJS.WritableStream, context: unknown) => Promise<void>): unknown;
};

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.write(event.rawPath);
  responseStream.end();
});
