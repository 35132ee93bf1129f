// Runs one invocation and turns its outcome into what standard Lambda would return:
// the JSON-serialised response, or { errorType, errorMessage }.
import type { InvocationRequest, InvocationResult } from '../protocol';
import { createContext, type ContextOptions } from './context';
import { invocationStore } from './current-invocation';
import { CollectingStream, STREAMING } from './runtime-global';
import type { Handler } from './load-handler';

export async function invoke(handler: Handler, { id, event, ids }: InvocationRequest, opts: ContextOptions, startedAt: number): Promise<InvocationResult> {
  const context = createContext(opts, ids, startedAt);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`Task timed out after ${(opts.timeoutMs / 1000).toFixed(2)} seconds`), { name: 'Sandbox.Timedout' })), opts.timeoutMs);
    timer.unref();
  });
  try {
    const response = await invocationStore.run(id, async () => {
      if (handler[STREAMING]) {
        const stream = new CollectingStream();
        await Promise.race([handler(event, stream, context), timeout]);
        return stream.metadata === undefined ? stream.body : { metadata: stream.metadata, body: stream.body };
      }
      return Promise.race([handler(event, context), timeout]);
    });
    return serialise(response);
  } catch (e) {
    return { ok: false, error: errorOf(e) };
  } finally {
    clearTimeout(timer);
  }
}

function serialise(response: unknown): InvocationResult {
  try {
    const text = JSON.stringify(response);
    return { ok: true, response: text === undefined ? null : JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: { errorType: 'Runtime.ResponseSerializationError', errorMessage: (e as Error).message } };
  }
}

export function errorOf(e: unknown): { errorType: string; errorMessage: string } {
  if (e instanceof Error) return { errorType: e.name || 'Error', errorMessage: e.message };
  return { errorType: typeof e, errorMessage: String(e) };
}
