// Watches what well-known client objects do once built (count-clients.ts hands them over):
// - `connect()` calls, recorded as work (connecting again per request is repeated work);
// - on single-connection clients (pg Client, mysql/mysql2 connections), each statement with the
//   invocation that sent it and when it ran, so one connection used by several invocations at once
//   (statements queued behind each other, transactions interleaved) shows.
import type { ConnectionUse } from '../protocol';
import { currentInvocation, now } from './current-invocation';
import { recorded } from './record-calls';
import type { ClientLibrary } from './well-known-clients';

export const connectionUses: ConnectionUse[] = [];

/** clients built through the counted exports (a pool's internal connections are not: they are the pool's) */
const watched = new WeakSet<object>();
const ids = new WeakMap<object, number>();
const labels = new WeakMap<object, string>();
let nextId = 1;
const patched = new WeakMap<object, Set<string>>();

/** `instance` was just built by `library`'s export `name` (a promise of it for mysql2/promise). */
export function watchInstance(library: ClientLibrary, packageName: string, name: string, instance: unknown): void {
  if (instance instanceof Promise) {
    instance.then((resolved) => watchInstance(library, packageName, name, resolved), () => undefined);
    return;
  }
  if (!instance || typeof instance !== 'object') return;
  const label = `${packageName} ${name}`;
  watched.add(instance);
  labels.set(instance, label);
  if (library.connects?.includes(name)) {
    const method = 'connect';
    patchMethod(instance, method, (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (!watched.has(this as object)) return original.apply(this, args);
        return recorded({ fn: `${labels.get(this as object)}.${method}`, args: [], sync: false, repeat: 'same-result' }, () => original.apply(this, args));
      },
    );
  }
  if (!library.statements || !library.singleConnection?.includes(name)) return;
  ids.set(instance, nextId++);
  for (const method of library.statements) {
    patchMethod(instance, method, (original) =>
      function (this: unknown, ...args: unknown[]) {
        const connection = ids.get(this as object);
        if (connection === undefined) return original.apply(this, args);
        const use: ConnectionUse = { client: labels.get(this as object) ?? label, connection, invocation: currentInvocation(), start: now(), end: 0, tx: transactionStep(method, args[0]) };
        connectionUses.push(use);
        const done = () => (use.end ||= now());
        // a callback API (mysql): the statement ends when its callback runs
        const last = args.length - 1;
        if (typeof args[last] === 'function') {
          const callback = args[last] as (...a: unknown[]) => unknown;
          args[last] = function (this: unknown, ...cbArgs: unknown[]) {
            done();
            return callback.apply(this, cbArgs);
          };
        }
        const out = original.apply(this, args);
        if (out instanceof Promise) out.then(done, done);
        else if (typeof args[last] !== 'function') done();
        return out;
      },
    );
  }
}

export type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `method` where it is defined (a class prototype, or the object itself), once. */
export function patchMethod(instance: object, method: string, wrap: (original: Method) => Method): void {
  let owner: object | null = instance;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, method)) owner = Object.getPrototypeOf(owner) as object | null;
  if (!owner || owner === Object.prototype) return;
  const done = patched.get(owner) ?? new Set<string>();
  if (done.has(method)) return;
  const original = (owner as Record<string, unknown>)[method];
  if (typeof original !== 'function') return;
  done.add(method);
  patched.set(owner, done);
  Object.defineProperty(owner, method, { value: wrap(original as Method), writable: true, configurable: true, enumerable: false });
}

function transactionStep(method: string, first: unknown): ConnectionUse['tx'] {
  if (method === 'beginTransaction') return 'begin';
  if (method === 'commit' || method === 'rollback') return 'end';
  const sql = typeof first === 'string' ? first : typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : typeof (first as { sql?: unknown })?.sql === 'string' ? (first as { sql: string }).sql : '';
  if (/^\s*(BEGIN|START\s+TRANSACTION)\b/i.test(sql)) return 'begin';
  if (/^\s*(COMMIT|ROLLBACK|END)\s*;?\s*$/i.test(sql)) return 'end';
  return undefined;
}
