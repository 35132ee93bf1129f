// The ids the runtime gives one request (context.awsRequestId, context.xRayTraceId). Made once per
// invocation by the simulator: the one-at-a-time replays run the same requests, so a response that
// carries them compares equal to its replay.
import { randomBytes, randomUUID } from 'node:crypto';
import type { InvocationIds } from './protocol';

export function newInvocationIds(at = Date.now()): InvocationIds {
  return {
    awsRequestId: randomUUID(),
    xRayTraceId: `Root=1-${Math.floor(at / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
  };
}
