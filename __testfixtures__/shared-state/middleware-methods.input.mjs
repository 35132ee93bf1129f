import middy from '@middy/core';
import { work } from 'deps';

function correlation() {
  let correlationId;
  return {
    before(request) {
      correlationId = request.event.headers['x-correlation-id'];
    },
    after(request) {
      request.response.correlationId = correlationId;
    },
    onError: () => {
      console.error('failed', correlationId);
    },
  };
}

export const handler = middy(async (event) => work(event)).use(correlation());
