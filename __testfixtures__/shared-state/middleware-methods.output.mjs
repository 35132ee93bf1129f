import middy from '@middy/core';
import { work } from 'deps';

function correlation() {
  const correlationIdKey = Symbol('correlationId');
  return {
    before(request) {
      request.internal[correlationIdKey] = request.event.headers['x-correlation-id'];
    },
    after(request) {
      request.response.correlationId = request.internal[correlationIdKey];
    },
    onError: (request) => {
      console.error('failed', request.internal[correlationIdKey]);
    },
  };
}

export const handler = middy(async (event) => work(event)).use(correlation());
