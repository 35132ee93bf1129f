// Imports the handler module the way the runtime does and checks its signature.
import { pathToFileURL } from 'node:url';
import { STREAMING } from './runtime-global';

export type Handler = ((...args: unknown[]) => unknown) & { [STREAMING]?: boolean };

export class InitFailure extends Error {
  constructor(
    readonly kind: 'rejected' | 'export' | 'load' | 'setup',
    readonly errorType: string,
    message: string,
    readonly original?: unknown,
  ) {
    super(message);
  }
}

/** The message the Node.js 24 / LMI runtime gives when it refuses a callback-style handler. */
export const CALLBACK_REJECTION =
  'Callback-based function handlers are not supported on Lambda Managed Instances or Node.js 24 and later: ' +
  'the handler takes 3 or more parameters. Use an async handler `async (event, context) => result` instead.';

export async function importModule(file: string, kind: 'load' | 'setup'): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const err = e as Error;
    throw new InitFailure(kind, err?.name ?? 'Error', err?.message ?? String(e), e);
  }
}

/** `handler` or a dotted path like `handlers.main`; CommonJS exports are found on `default` too. */
export function findHandler(namespace: Record<string, unknown>, exportName: string): Handler {
  const path = exportName.split('.');
  const lookup = (root: unknown) => path.reduce<unknown>((v, k) => (v != null ? (v as Record<string, unknown>)[k] : undefined), root);
  let fn = lookup(namespace);
  if (fn === undefined && namespace.default && typeof namespace.default === 'object') fn = lookup(namespace.default);
  if (typeof fn !== 'function') {
    const found = Object.keys(namespace).filter((k) => k !== 'default' || typeof namespace.default === 'function');
    throw new InitFailure(
      'export',
      'Runtime.HandlerNotFound',
      `${exportName} is ${fn === undefined ? 'not exported' : `not a function (${typeof fn})`}; exports: ${found.join(', ') || '(none)'}`,
    );
  }
  const handler = fn as Handler;
  if (handler.length >= 3 && !handler[STREAMING]) {
    throw new InitFailure('rejected', 'Runtime.CallbackHandlerDeprecated', CALLBACK_REJECTION);
  }
  return handler;
}
