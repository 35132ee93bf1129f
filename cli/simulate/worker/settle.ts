// LMI never freezes a worker between invocations: timers and callbacks an invocation started go on
// after its response. The worker tracks the timers the invocations' code left pending (setTimeout,
// setImmediate, made in an invocation's context) and, after the last invocation of a batch, lets them
// fire, for up to SETTLE_MS, before it reports: so a callback that fires after the response, and
// throws, is seen. Other resources (file requests, zlib and crypto handles, sockets) are not waited
// for: their end is only reported when they are garbage-collected.
import { createHook } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentInvocation } from './current-invocation';

const SETTLE_MS = 1000;
const TIMERS = new Set(['Timeout', 'Immediate']);

export interface InvocationWork {
  /** waits until no timer the invocations started is pending, at most SETTLE_MS; then stops tracking */
  settle(): Promise<void>;
}

export function trackInvocationWork(): InvocationWork {
  const pending = new Set<number>();
  const hook = createHook({
    init(asyncId, type) {
      if (TIMERS.has(type) && currentInvocation() !== null) pending.add(asyncId);
    },
    destroy(asyncId) {
      pending.delete(asyncId);
    },
  }).enable();
  return {
    async settle() {
      const deadline = Date.now() + SETTLE_MS;
      // the sleep's own timer is created outside any invocation: not tracked
      while (pending.size > 0 && Date.now() < deadline) await sleep(5);
      hook.disable();
    },
  };
}
