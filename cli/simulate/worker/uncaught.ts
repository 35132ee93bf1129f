// An exception no code catches ends the worker thread on LMI (the runtime installs no handler for
// it), and every invocation in flight on that worker fails with it. Node calls the
// 'uncaughtExceptionMonitor' listeners first, still in the async context of the code that threw:
// that tells which invocation's code it was, even after that invocation returned its response.
import type { UncaughtError } from '../protocol';
import { currentInvocation } from './current-invocation';
import { errorOf } from './invoke';

/** Calls `report` before an uncaught exception ends the worker (not when the handler's own process.on('uncaughtException') keeps it alive). */
export function onFatalException(report: (e: UncaughtError) => void): void {
  process.on('uncaughtExceptionMonitor', (error) => {
    if (process.listenerCount('uncaughtException') > 0) return;
    report({ invocation: currentInvocation(), ...errorOf(error) });
  });
}
