// The words of every init-phase finding, in one place.
import type { Node } from '@babel/types';
import type { Severity } from '../types';
import type { HeavyKind } from './heavy-calls';
import type { InitForm } from './init-form';

export interface PlanReport {
  node: Node;
  message: string;
  hint?: string;
  fixable: boolean;
  severity?: Severity;
}

const WHAT: Record<HeavyKind, string> = {
  file: 'reads a file of the deployment package',
  secret: 'fetches a secret',
  parameter: 'fetches a configuration parameter',
  fetch: 'fetches a fixed URL',
  require: 'loads a module with require()',
  import: 'loads a module with import()',
  compile: 'builds a schema validator or compiles a template',
  model: 'loads an ML model',
};

export const SECRET_TTL_HINT =
  'on LMI the environment never freezes and lives for hours: give the secret a TTL (e.g. Powertools Parameters getSecret(name, { maxAge: 300 })) or refresh it when a call fails with an auth error';

export function describeHeavy(
  kind: HeavyKind,
  fixable: boolean,
  why: 'request' | 'conditional' | 'shared' | 'unproven' | undefined,
  form: InitForm,
): Omit<PlanReport, 'node'> {
  const what = WHAT[kind];
  if (fixable) {
    const where = form === 'ready' ? 'a module-level ready promise awaited by the handler' : 'module scope (init, once per worker)';
    return {
      message: `The handler ${what} on every invocation although the result does not depend on the request.`,
      hint: `move it to ${where}` + (kind === 'secret' ? `; ${SECRET_TTL_HINT}`
        : kind === 'parameter' || kind === 'fetch' ? '; the value is then kept for the life of the worker (hours on LMI): add a TTL if it changes' : ''),
      fixable: true,
    };
  }
  if (why === 'request') {
    return {
      message: `The handler ${what} on every invocation; the call depends on the request, so it stays in the handler.`,
      hint: 'if it is expensive, cache the result per key at module scope (bounded, with a TTL, caching the promise)',
      fixable: false,
    };
  }
  if (why === 'shared') {
    return {
      message: `The handler ${what} on every invocation, then changes the result, hands it out, or reads its per-call state after an await.`,
      hint: 'one copy shared by concurrent requests would leak between them: load it once at init and give each request its own copy (structuredClone), by hand',
      fixable: false,
    };
  }
  return {
    message: `The handler ${what} on every invocation${why === 'conditional' ? ' (inside a branch, loop or callback)' : ''}.`,
    hint: 'if the result is the same for every request, compute it once at init (module scope) by hand',
    fixable: false,
  };
}

export function secretAtInit(node: Node): PlanReport {
  return {
    node,
    message: 'A secret loaded once at init is kept for the life of the worker, which on LMI is hours.',
    hint: SECRET_TTL_HINT,
    fixable: false,
    severity: 'info',
  };
}
