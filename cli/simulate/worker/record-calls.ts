// The calls the simulator watches in a worker: well-known expensive work (file reads, fetch, AWS
// SDK requests, require, CPU-heavy *Sync crypto/zlib, template/schema compiles), recorded with their
// arguments so the same work repeated by several requests shows, and synchronous calls made during
// an invocation, timed, because they stall every other request of the worker.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CallRecord } from '../protocol';
import { currentInvocation } from './current-invocation';

export const calls: CallRecord[] = [];

/** > 0 while Node loads a CommonJS module: the loader's own file reads are not the handler's work. */
let loading = 0;

export function whileLoading<T>(run: () => T): T {
  loading++;
  try {
    return run();
  } finally {
    loading--;
  }
}

export function isLoading(): boolean {
  return loading > 0;
}

export interface CallSpec {
  /** the function as the user wrote it, e.g. `fs.readFileSync` */
  fn: string;
  /** what identifies the work (a path, a URL, a command's input); undefined: not repeatable work */
  args?: unknown;
  /** shown before the arguments, e.g. the command name of `client.send(command)` */
  what?: string;
  /** shown after the call, e.g. `.promise()` */
  suffix?: string;
  /** a synchronous call: its duration during an invocation is blocking time */
  sync: boolean;
  /** see CallRecord.repeat; absent: the call counts only for the concurrent / one-at-a-time comparison */
  repeat?: 'same-result' | 'remote-read';
}

/** Calls `run`, recording the call (timed when synchronous). Records nothing while a module loads. */
export function recorded<T>(spec: CallSpec, run: () => T): T {
  if (loading > 0) return run();
  const invocation = currentInvocation();
  // nothing to say about a synchronous call at init that is not repeatable work
  if (spec.args === undefined && invocation === null) return run();
  // described before the call: it may change its arguments (SDK middleware adds to a command's input)
  const args = spec.args === undefined ? undefined : describeArgs(spec.args);
  const started = spec.sync ? performance.now() : 0;
  try {
    return run();
  } finally {
    const blockedMs = spec.sync && invocation !== null ? performance.now() - started : undefined;
    calls.push({
      fn: spec.fn,
      ...(args ? { work: `${spec.fn}(${[spec.what, args.shown].filter(Boolean).join(' ')})${spec.suffix ?? ''}`, key: `${spec.fn}\u0000${spec.what ?? ''}\u0000${args.key}` } : {}),
      ...(args && spec.repeat ? { repeat: spec.repeat } : {}),
      invocation,
      ...(blockedMs !== undefined ? { blockedMs } : {}),
    });
  }
}

const SHOWN = 120;

/** A stable text for the arguments (object keys sorted, bytes and long strings hashed) and a short form to show. */
function describeArgs(value: unknown): { key: string; shown: string } {
  // an argument list (crypto.pbkdf2Sync(...)) is shown without its brackets
  const key = value instanceof Shown ? value.text : Array.isArray(value) ? value.map((v) => stableText(v, 1)).join(',') : stableText(value, 0);
  const shown = key.length > SHOWN ? `${key.slice(0, SHOWN - 3)}...` : key;
  return { key: key.length > 400 ? `${key.slice(0, 200)}#${hash(key)}` : key, shown };
}

/** Arguments already written as text (e.g. `GET https://…`): shown as they are. */
export class Shown {
  constructor(readonly text: string) {}
}

function stableText(value: unknown, depth: number): string {
  if (value === undefined) return 'undefined';
  if (depth > 6) return '...';
  if (typeof value === 'string') return value.length > 200 ? `"${value.slice(0, 40)}..."#${hash(value)}` : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? 'fn' : String(value);
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes #${hash(Buffer.from(value.buffer, value.byteOffset, value.byteLength))}>`;
  if (value instanceof URL) return JSON.stringify(value.href);
  if (Array.isArray(value)) return `[${value.map((v) => stableText(v, depth + 1)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableText(readField(value, k), depth + 1)}`);
  const name = value.constructor && value.constructor !== Object ? value.constructor.name : '';
  return `${name}{${entries.join(',')}}`;
}

function readField(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return '<getter threw>';
  }
}

function hash(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 12);
}
