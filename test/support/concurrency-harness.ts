// Runs a fixture's handler the way a Lambda Managed Instances worker does: many invocations in
// flight at once, interleaving at every await. Fixture code is written to a fresh temp dir and
// loaded for real (CommonJS via require, ESM and TypeScript via import), so the test exercises the
// exact text the transform printed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Functions a fixture imports from a package: written as `node_modules/<name>/index.js`. */
export type FakePackage = Record<string, unknown>;

export interface ModuleSpec {
  /** file name that decides the module style: `case.cjs`, `case.js` (CommonJS), `case.mjs`, `case.ts` */
  file: string;
  source: string;
  /** bare-specifier packages the fixture imports, e.g. `{ deps: { getAmount } }` */
  packages?: Record<string, FakePackage>;
}

const registry: Record<string, FakePackage> = {};
(globalThis as Record<string, unknown>).__lmiHarnessPackages = registry;
let loads = 0;

/** Writes the module and its fake packages to a new temp dir and loads it; a fresh module state every call. */
export async function loadModule(spec: ModuleSpec): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-harness-'));
  for (const [name, members] of Object.entries(spec.packages ?? {})) {
    const key = `${++loads}:${name}`;
    registry[key] = members;
    const pkgDir = join(dir, 'node_modules', name);
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
    // explicit `exports.x =` lines so ESM named imports of this CommonJS package work
    const lines = [`const members = globalThis.__lmiHarnessPackages[${JSON.stringify(key)}];`];
    if ('default' in members) lines.push('module.exports = members.default;');
    for (const member of Object.keys(members)) {
      if (member !== 'default') lines.push(`module.exports.${member} = members.${member};`);
    }
    writeFileSync(join(pkgDir, 'index.js'), lines.join('\n') + '\n');
  }
  const path = join(dir, spec.file);
  writeFileSync(path, spec.source);
  if (/\.(cjs|js)$/.test(spec.file)) return createRequire(import.meta.url)(path) as Record<string, unknown>;
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as Record<string, unknown>;
}

/** Resolves after `n` turns of the microtask queue: a deterministic delay that lets other invocations run. */
export async function ticks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await null;
}

type Handler<E, R> = (event: E, context: object) => R | Promise<R>;

function contextFor(i: number): object {
  return { awsRequestId: `req-${i}`, functionName: 'fixture', getRemainingTimeInMillis: () => 60_000 };
}

/**
 * Starts every invocation before any can finish (the loop never yields), then waits for all.
 * Each response is copied when its invocation resolves, as the runtime serializes it then.
 */
export async function runOverlapping<E, R>(handler: Handler<E, R>, events: readonly E[]): Promise<R[]> {
  const inFlight = events.map((event, i) => Promise.resolve(handler(event, contextFor(i))).then(structuredClone));
  return Promise.all(inFlight);
}

/** One invocation at a time, as on default Lambda. */
export async function runOneAtATime<E, R>(handler: Handler<E, R>, events: readonly E[]): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < events.length; i++) results.push(structuredClone(await handler(events[i], contextFor(i))));
  return results;
}

/**
 * A minimal middy: `middy(base).use(mw)` runs every `before`, the base handler, then every
 * `after` in reverse order, with `request = { event, context, response, error, internal: {} }`
 * fresh per invocation (what @middy/core does by default).
 */
export function fakeMiddy(base: Handler<unknown, unknown>) {
  type Hook = (request: Record<string, unknown>) => unknown;
  const befores: Hook[] = [];
  const afters: Hook[] = [];
  const handler = async (event: unknown, context: object) => {
    const request: Record<string, unknown> = { event, context, response: undefined, error: undefined, internal: {} };
    for (const hook of befores) await hook(request);
    request.response = await base(event, context);
    for (const hook of afters) await hook(request);
    return request.response;
  };
  return Object.assign(handler, {
    use(mw: { before?: Hook; after?: Hook }) {
      if (mw.before) befores.push(mw.before);
      if (mw.after) afters.unshift(mw.after);
      return handler;
    },
  });
}

/**
 * Stand-in for the `async-mutex` package (not a dependency of lmi-migrate itself): the one method
 * the transform generates, `new Mutex().runExclusive(fn)`, with the package's FIFO semantics.
 */
export class FakeMutex {
  private tail: Promise<unknown> = Promise.resolve();
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => fn());
    this.tail = result.catch(() => undefined);
    return result;
  }
}
