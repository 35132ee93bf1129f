import middy from '@middy/core';
import { work } from 'deps';

type Request = { event: { traceId: string }; response: { traceId?: string }; internal: Record<PropertyKey, unknown> };

export function tracing() {
  const traceIdKey = Symbol('traceId');
  return {
    before(request: Request) {
      request.internal[traceIdKey] = request.event.traceId;
    },
    after(request: Request) {
      request.response.traceId = request.internal[traceIdKey] as string | undefined;
    },
  };
}

export const handler = middy(async (event: { traceId: string }) => work(event)).use(tracing());
