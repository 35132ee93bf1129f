// Which invocation the code running right now belongs to (null at init): lets the fs and
// client hooks attribute a write or a construction to an invocation.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

export const invocationStore = new AsyncLocalStorage<number>();

export function currentInvocation(): number | null {
  return invocationStore.getStore() ?? null;
}

/** Absolute milliseconds, comparable between worker threads. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
