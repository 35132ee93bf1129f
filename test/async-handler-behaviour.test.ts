// Behaviour, not shape: each CommonJS fixture input runs under a model of the old runtime
// (callback / context.succeed|fail|done, first completion wins, a returned promise counts) and
// its output runs as an async handler; results, errors and side effects must match.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const FIXTURES = join(__dirname, '..', '__testfixtures__', 'async-handler');

type Stubs = (log: string[]) => Record<string, unknown>;
type Outcome = { ok: true; value: unknown; log: string[] } | { ok: false; error: string; log: string[] };

function load(source: string, stubs: Record<string, unknown>): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const req = (id: string) => {
    if (id in stubs) return stubs[id];
    if (id === 'zlib' || id === 'node:zlib') return require('node:zlib');
    throw new Error(`unexpected require(${id})`);
  };
  new Function('require', 'module', 'exports', source)(req, module, module.exports);
  return module.exports;
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The old runtime: the first of callback/succeed/fail/done wins; a returned thenable counts too. */
async function runOld(fn: Function, event: unknown, log: string[]): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (err: unknown, value?: unknown) => {
      if (done) return;
      done = true;
      // code after the completion still runs before the response goes out
      setTimeout(() => resolve(err !== undefined && err !== null ? { ok: false, error: errorText(err), log } : { ok: true, value, log }), 10);
    };
    const context = {
      awsRequestId: 'req-1',
      callbackWaitsForEmptyEventLoop: true,
      succeed: (v: unknown) => finish(null, v),
      fail: (e: unknown) => finish(e),
      done: (e: unknown, v: unknown) => finish(e, v),
    };
    try {
      const r = fn(event, context, finish);
      if (r && typeof r.then === 'function') r.then((v: unknown) => finish(null, v), (e: unknown) => finish(e));
    } catch (e) {
      finish(e);
    }
  });
}

async function runNew(fn: Function, event: unknown, log: string[]): Promise<Outcome> {
  expect(fn.length).toBeLessThan(3);
  const context = { awsRequestId: 'req-1' };
  try {
    const value = await fn(event, context);
    await settle();
    return { ok: true, value, log };
  } catch (e) {
    await settle();
    return { ok: false, error: errorText(e), log };
  }
}

const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 1));

const CASES: Array<{ name: string; ext?: string; stubs: Stubs; events: unknown[] }> = [
  {
    name: 'cjs-callback-basic',
    stubs: (log) => ({ './db': { lookup: (id: string) => (log.push(`lookup ${id}`), { id }) } }),
    events: [{ pathParameters: { id: 'a1' } }, { pathParameters: {} }],
  },
  {
    name: 'capture-after-callback',
    stubs: (log) => ({ './metrics': { record: (n: string) => log.push(`metric ${n}`) } }),
    events: [{ id: 7 }],
  },
  {
    name: 'context-done',
    stubs: () => ({ './validate': { validate: (e: { v?: number }) => (e.v ? { ok: true, value: e.v } : { ok: false, reason: 'no v' }) } }),
    events: [{ v: 3 }, {}],
  },
  { name: 'context-succeed-fail', stubs: () => ({}), events: [{ body: '{"a":1}' }, { body: '{oops' }] },
  {
    name: 'promise-chain',
    stubs: (log) => ({ './orders': { fetchOrder: (id: string) => (log.push(`fetch ${id}`), id === 'bad' ? Promise.reject(new Error('no order')) : later({ id })) } }),
    events: [{ orderId: 'o1' }, { orderId: 'bad' }],
  },
  {
    name: 'promise-chain-blocks',
    stubs: () => ({ './db': { query: (_sql: string, [owner]: string[]) => (owner === 'err' ? Promise.reject(new Error('db down')) : later(owner === 'none' ? [] : [{ owner }])) } }),
    events: [{ owner: 'x' }, { owner: 'none' }, { owner: 'err' }],
  },
  {
    name: 'node-callback-wrapper',
    stubs: () => ({}),
    events: [{ payload: gzipSync(JSON.stringify({ items: [1, 2] })).toString('base64') }, { payload: Buffer.from('not gzip').toString('base64') }],
  },
  {
    name: 'fs-readfile-await',
    stubs: () => {
      const files: Record<string, string> = { '/var/task/config.json': '{"region":"eu-west-1"}' };
      const read = (p: string) => (p in files ? files[p] : null);
      return {
        fs: { readFile: (p: string, _e: string, cb: (e: Error | null, d?: string) => void) => setTimeout(() => (read(p) === null ? cb(new Error('ENOENT')) : cb(null, read(p)!)), 1) },
        'node:fs/promises': { readFile: async (p: string) => { if (read(p) === null) throw new Error('ENOENT'); return read(p); } },
      };
    },
    events: [{}],
  },
  {
    name: 'sdk-v2-promise',
    stubs: (log) => {
      class S3 {
        getObject(params: { Key: string }, cb?: (e: Error | null, d?: unknown) => void) {
          log.push(`get ${params.Key}`);
          const run = () => (params.Key === 'missing' ? Promise.reject(new Error('NoSuchKey')) : later({ Body: params.Key }));
          if (cb) run().then((d) => cb(null, d), (e) => cb(e));
          return { promise: run };
        }
      }
      return { 'aws-sdk': { S3 } };
    },
    events: [{ key: 'k1' }, { key: 'missing' }],
  },
  {
    name: 'node-callback-forwarded',
    stubs: () => ({ './legacy-lookup': { lookup: (id: string, _o: unknown, cb: (e: Error | null, r?: unknown) => void) => setTimeout(() => (id ? cb(null, { id }) : cb(new Error('no id'))), 1) } }),
    events: [{ id: 'z' }, {}],
  },
  {
    name: 'node-callback-forward-error',
    stubs: (log) => {
      class SNS {
        publish(p: { Message: string }, cb: (e: Error | null, d?: unknown) => void) {
          log.push('publish');
          setTimeout(() => (p.Message.includes('fail') ? cb(new Error('throttled')) : cb(null, { MessageId: 'm1' })), 1);
        }
      }
      return { 'aws-sdk': { SNS } };
    },
    events: [{ a: 1 }, { a: 'fail' }],
  },
  { name: 'object-method', ext: 'cjs', stubs: () => ({}), events: [{ Records: [{ messageId: '1' }, { messageId: '2' }] }] },
  { name: 'cjs-empty-callback', ext: 'cjs', stubs: (log) => ({ './audit': { audit: (d: unknown) => log.push(`audit ${JSON.stringify(d)}`) } }), events: [{ detail: { x: 1 } }] },
  {
    name: 'context-try-catch-rethrow',
    stubs: () => ({ './lookup': { lookup: async (e: { id?: string }) => { if (!e.id) throw new Error('no id'); return { id: e.id }; } } }),
    events: [{ id: 'q' }, {}],
  },
  { name: 'try-catch-name-clash', stubs: () => ({}), events: [{ body: '[1]' }, { body: '{' }] },
  { name: 'switch-break', ext: 'cjs', stubs: () => ({}), events: [{ action: 'ping' }, { action: 'other' }] },
  { name: 'async-calls-callback', stubs: () => ({ './work': { work: async (e: { n: number }) => e.n * 2 } }), events: [{ n: 21 }] },
];

describe('async-handler keeps behaviour (old runtime model vs async handler)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const ext = c.ext ?? 'js';
      const input = readFileSync(join(FIXTURES, `${c.name}.input.${ext}`), 'utf8');
      const output = readFileSync(join(FIXTURES, `${c.name}.output.${ext}`), 'utf8');
      for (const event of c.events) {
        const oldLog: string[] = [];
        const newLog: string[] = [];
        process.env.BUCKET = 'b';
        const before = await runOld(load(input, c.stubs(oldLog)).handler as Function, event, oldLog);
        const after = await runNew(load(output, c.stubs(newLog)).handler as Function, event, newLog);
        expect(after).toEqual(before);
      }
    });
  }
});
