// Records well-known expensive calls and blocking calls in a worker (see record-calls.ts): file
// reads, fetch, require during an invocation, the *Sync functions of fs, crypto, zlib and
// child_process. Installed after the /tmp redirect, so the arguments recorded are the user's.
// AWS SDK requests are recorded where the SDK's exports are wrapped (count-clients.ts).
import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { syncBuiltinESMExports } from 'node:module';
import zlib from 'node:zlib';
import { currentInvocation } from './current-invocation';
import { isLoading, recorded, Shown, whileLoading, type CallSpec } from './record-calls';

/** CPU-heavy synchronous crypto: the same arguments give the same result. */
const CRYPTO_SYNC = ['pbkdf2Sync', 'scryptSync', 'hkdfSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'checkPrimeSync'];
const CHILD_SYNC = ['execSync', 'execFileSync', 'spawnSync'];
/** fs reads whose repetition with the same path is the same work (outside /tmp, a file that does not change) */
const FILE_READS = new Set(['readFile', 'readFileSync']);

type Fn = (...args: unknown[]) => unknown;

/**
 * `isScratch` tells a file of the function's /tmp (written per request: reading it again is not the
 * same work) from a file of the deployment package, which is read-only on Lambda.
 */
export function countCalls(isScratch: (path: unknown) => boolean): void {
  const fileRead = (fn: string, path: unknown, sync: boolean): CallSpec => {
    const text = pathOf(path);
    return { fn, args: text === undefined || isScratch(path) ? undefined : text, sync, repeat: 'same-result' };
  };
  const fsObject = fs as unknown as Record<string, unknown>;
  for (const name of Object.keys(fsObject)) {
    if (name.endsWith('Sync')) wrap(fsObject, name, (args) => (FILE_READS.has(name) ? fileRead(`fs.${name}`, args[0], true) : { fn: `fs.${name}`, sync: true }));
  }
  wrap(fsObject, 'readFile', (args) => fileRead('fs.readFile', args[0], false));
  wrap(fs.promises as unknown as Record<string, unknown>, 'readFile', (args) => fileRead('fs.promises.readFile', args[0], false));
  const cryptoObject = crypto as unknown as Record<string, unknown>;
  for (const name of CRYPTO_SYNC) wrap(cryptoObject, name, (args) => ({ fn: `crypto.${name}`, args, sync: true, repeat: 'same-result' }));
  const zlibObject = zlib as unknown as Record<string, unknown>;
  for (const name of Object.keys(zlibObject)) {
    if (name.endsWith('Sync')) wrap(zlibObject, name, (args) => ({ fn: `zlib.${name}`, args, sync: true, repeat: 'same-result' }));
  }
  const child = childProcess as unknown as Record<string, unknown>;
  for (const name of CHILD_SYNC) wrap(child, name, (args) => ({ fn: `child_process.${name}`, args, sync: true }));
  countRequire();
  countFetch();
  syncBuiltinESMExports();
}

function wrap(target: Record<string, unknown>, name: string, spec: (args: unknown[]) => CallSpec): void {
  const original = target[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return recorded(spec(args), () => (original as Fn).apply(this, args));
  };
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const d = Object.getOwnPropertyDescriptor(original, key);
    if (d) Object.defineProperty(wrapped, key, d);
  }
  Object.defineProperty(wrapped, 'name', { value: (original as Fn).name });
  target[name] = wrapped;
}

/** A path argument as text; undefined for a file descriptor (not identifiable work). */
function pathOf(arg: unknown): unknown {
  if (typeof arg === 'string') return arg;
  if (arg instanceof URL) return arg.href;
  if (Buffer.isBuffer(arg)) return arg.toString();
  return undefined;
}

/**
 * `require()` called by an invocation (a load, or at least a lookup, per request). While Node loads
 * a module, the file reads and nested requires are the loader's, not the handler's: not recorded.
 */
function countRequire(): void {
  const proto = Module.prototype as unknown as { require: Fn; load: Fn };
  const { require, load } = proto;
  proto.load = function (this: unknown, ...args: unknown[]) {
    return whileLoading(() => load.apply(this, args));
  };
  proto.require = function (this: unknown, ...args: unknown[]) {
    // resolving (realpath, stat) is the loader's work too
    const run = () => whileLoading(() => require.apply(this, args));
    if (isLoading() || currentInvocation() === null) return run();
    return recorded({ fn: 'require', args: args[0], sync: true, repeat: 'same-result' }, run);
  };
}

/** globalThis.fetch, including one a --setup module installs later (an accessor keeps the wrapper). */
function countFetch(): void {
  let impl = (globalThis as { fetch?: Fn }).fetch;
  const wrapped = function fetch(this: unknown, ...args: unknown[]) {
    const [input, init] = args as [unknown, { method?: string; body?: unknown } | undefined];
    const request = input as { url?: string; method?: string; href?: string };
    const url = typeof input === 'string' ? input : (request?.href ?? request?.url ?? String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? init.body : '';
    // a GET or HEAD reads; other methods act, and acting once per request may be the point
    const repeat = method === 'GET' || method === 'HEAD' ? 'remote-read' : undefined;
    return recorded({ fn: 'fetch', what: `${method} ${url}`, args: new Shown(body), sync: false, repeat }, () => {
      if (typeof impl !== 'function') throw new TypeError('fetch is not a function');
      return impl.apply(this, args);
    });
  };
  Object.defineProperty(globalThis, 'fetch', {
    configurable: true,
    enumerable: true,
    get: () => wrapped,
    set: (value: Fn) => {
      impl = value;
    },
  });
}
