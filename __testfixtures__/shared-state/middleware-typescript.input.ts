import middy from '@middy/core';
import { work } from 'deps';

type Request = { event: { traceId: string }; response: { traceId?: string }; internal: Record<PropertyKey, unknown> };

export function tracing() {
  let traceId: string | undefined;
  return {
    before(request: Request) {
      traceId = request.event.traceId;
    },
    after(request: Request) {
      request.response.traceId = traceId;
    },
  };
}

export const handler = middy(async (event: { traceId: string }) => work(event)).use(tracing());
