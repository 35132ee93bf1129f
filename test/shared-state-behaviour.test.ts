// Every positive shared-state fixture, run for real: the input handler gives a wrong result
// when invocations overlap, the output gives the right one for every invocation, and the output
// behaves exactly like the input when invocations run one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeMutex, fakeMiddy, loadModule, runOneAtATime, runOverlapping, ticks, type FakePackage } from './support/concurrency-harness';

const DIR = join(__dirname, '..', '__testfixtures__', 'shared-state');

interface BehaviourCase {
  /** `<case>.<ext>` of the fixture pair */
  fixture: string;
  /** fresh fake packages for one module load */
  packages: () => Record<string, FakePackage>;
  events: unknown[];
  /** true when every response is right */
  right: (responses: any[]) => boolean;
  /** environment variables the input sets on the test process, removed afterwards */
  env?: string[];
  /** a helper module (no handler): the invocation that calls its exports, as a handler would */
  entry?: (mod: Record<string, any>) => (event: any) => Promise<unknown>;
}

const max = (xs: number[]) => Math.max(...xs);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const isPermutationOf1toN = (xs: number[]) => [...xs].sort((a, b) => a - b).every((x, i) => x === i + 1);
/** later invocations finish first: the strongest interleaving */
const delayOf = (i: number, n: number) => 2 * (n - i);

const orders = range(8).map((i) => ({ order: { amount: i + 1, delay: delayOf(i, 8) } }));

const CASES: BehaviourCase[] = [
  {
    fixture: 'rmw-compound-await.cjs',
    packages: () => ({ deps: { getAmount: async (o: { amount: number; delay: number }) => (await ticks(o.delay), o.amount) } }),
    events: orders,
    right: (rs) => max(rs.map((r) => r.total)) === 36 && new Set(rs.map((r) => r.total)).size === 8,
  },
  {
    fixture: 'rmw-binary-await.mjs',
    packages: () => ({ deps: { fetchScore: async (p: { score: number; delay: number }) => (await ticks(p.delay), p.score) } }),
    events: range(6).map((i) => ({ player: { score: 10 * (i + 1), delay: delayOf(i, 6) } })),
    right: (rs) => max(rs.map((r) => r.points)) === 210 && new Set(rs.map((r) => r.points)).size === 6,
  },
  {
    fixture: 'rmw-member.ts',
    packages: () => ({ deps: { getCost: async (job: { cost: number; delay: number }) => (await ticks(job.delay), job.cost) } }),
    events: range(5).map((i) => ({ job: { id: `j${i}`, cost: i + 2, delay: delayOf(i, 5) } })),
    right: (rs) => max(rs.map((r) => r.cost)) === 20,
  },
  {
    fixture: 'rmw-map-reread.mjs',
    packages: () => ({ deps: { countWords: async (text: string) => (await ticks(20 - text.length), text.split(' ').length) } }),
    events: ['a b c', 'd e', 'f', 'g h i j', 'k l'].map((text, i) => ({ user: i % 2 ? 'ann' : 'bob', text })),
    // bob: 3 + 1 + 2 words, ann: 2 + 4
    right: (rs) => max(rs.filter((r) => r.user === 'bob').map((r) => r.words)) === 6 && max(rs.filter((r) => r.user === 'ann').map((r) => r.words)) === 6,
  },
  {
    fixture: 'rmw-let-reread.ts',
    packages: () => ({ deps: { measure: async (body: string) => (await ticks(12 - body.length), body.length) } }),
    events: ['abc', 'de', 'fghij', 'k'].map((body) => ({ body })),
    right: (rs) => max(rs.map((r) => r.seen)) === 11,
  },
  ...['rmw-mutex-keyed.cjs', 'rmw-mutex-keyed-ts.ts'].map((fixture) => ({
    fixture,
    packages: () => ({
      deps: { applyInterest: async (current: number, rate: number) => (await ticks(rate), current + rate) },
      'async-mutex': { Mutex: FakeMutex },
    }),
    events: [5, 3, 4, 1, 2, 6].map((rate, i) => ({ account: i % 2 ? 'a' : 'b', rate })),
    // b: 100 + 5 + 4 + 2, a: 100 + 3 + 1 + 6
    right: (rs: any[]) => max(rs.filter((r) => r.account === 'b').map((r) => r.balance)) === 111 &&
      max(rs.filter((r) => r.account === 'a').map((r) => r.balance)) === 110,
  })),
  {
    fixture: 'rmw-mutex-single.ts',
    packages: () => ({
      deps: { reserve: async (first: number, party: number) => (await ticks(10 - party), range(party).map((k) => first + k)) },
      'async-mutex': { Mutex: FakeMutex },
    }),
    events: [2, 3, 1, 4].map((party) => ({ party })),
    right: (rs) => isPermutationOf1toN(rs.flatMap((r) => r.seats)),
  },
  {
    fixture: 'counter-readback.cjs',
    packages: () => ({ deps: { save: async (e: { delay: number }) => ticks(e.delay) } }),
    events: range(6).map((i) => ({ delay: delayOf(i, 6) })),
    right: (rs) => isPermutationOf1toN(rs.map((r) => r.invocation)),
  },
  {
    fixture: 'counter-plus-one.ts',
    packages: () => ({ deps: { handle: async (id: string) => (await ticks(10 - id.length), id.toUpperCase()) } }),
    events: ['a', 'bb', 'ccc', 'dddd'].map((id) => ({ id })),
    right: (rs) => rs.every((r, i) => r.startsWith(['A', 'BB', 'CCC', 'DDDD'][i])) && isPermutationOf1toN(rs.map((r) => Number(/#(\d+)/.exec(r)![1]))),
  },
  {
    fixture: 'counter-request-id.mjs',
    packages: () => ({ deps: { save: async (e: { delay: number }) => (await ticks(e.delay), true) } }),
    events: range(5).map((i) => ({ prefix: 'ord', delay: delayOf(i, 5) })),
    right: (rs) => isPermutationOf1toN(rs.map((r) => Number(r.id.split('-')[1]))),
  },
  {
    fixture: 'state-let-local.mjs',
    packages: () => ({ deps: { loadOrder: async (id: string) => (await ticks(10 - Number(id.slice(1))), { id }) } }),
    events: range(6).map((i) => ({ requestContext: { authorizer: { userId: `u${i}` } }, pathParameters: { id: `o${i}` } })),
    right: (rs) => rs.every((r, i) => r.owner === `u${i}` && r.order.id === `o${i}`),
  },
  {
    fixture: 'state-let-helper-cjs.cjs',
    packages: () => ({ deps: { loadOrder: async (id: string) => (await ticks(10 - Number(id.slice(1))), { id }) } }),
    events: range(5).map((i) => ({ tenant: `t${i}`, orderId: `o${i}` })),
    right: (rs) => rs.every((r, i) => r.tenant === `t${i}` && r.label === `t${i}:o${i}`),
  },
  {
    fixture: 'state-let-helper-ts.ts',
    packages: () => ({ deps: { fetchProfile: async (userId: string) => (await ticks(10 - Number(userId.slice(1))), { name: userId }) } }),
    events: range(6).map((i) => ({ locale: i % 2 ? 'fr' : 'en', userId: `u${i}` })),
    right: (rs) => rs.every((r, i) => r.message === (i % 2 ? `Bonjour u${i}` : `Hello u${i}`)),
  },
  ...['state-deep-store.mjs', 'state-deep-store-ts.ts'].map((fixture) => ({
    fixture,
    packages: () => ({ deps: { loadOrder: async (id: string) => (await ticks(10 - Number(id.slice(1))), [{ id }]) } }),
    events: range(5).map((i) => ({ tenant: `t${i}`, orderId: `o${i}` })),
    right: (rs: any[]) => rs.every((r, i) => r.tenant === `t${i}` && r.lines[0].id === `o${i}` && r.lines[0].table === `t${i}-lines`),
  })),
  {
    fixture: 'state-object.mjs',
    packages: () => ({ deps: { enrich: async (id: string) => (await ticks(10 - Number(id.slice(1))), `${id}!`) } }),
    events: range(5).map((i) => ({ data: `d${i}`, id: `e${i}` })),
    right: (rs) => rs.every((r, i) => r.data === `d${i}` && r.extra === `e${i}!`),
  },
  {
    fixture: 'state-object-helper.ts',
    packages: () => ({ deps: { enrich: async (id: string) => (await ticks(10 - Number(id.slice(1))), `${id}!`) } }),
    events: range(5).map((i) => ({ tenant: `t${i}`, user: `u${i}`, id: `e${i}` })),
    right: (rs) => rs.every((r, i) => r.audience === `u${i}@t${i}`),
  },
  {
    fixture: 'state-batch-failures.cjs',
    packages: () => ({
      deps: {
        processRecord: async (r: { delay: number; fail: boolean }) => {
          await ticks(r.delay);
          if (r.fail) throw new Error('bad record');
        },
      },
    }),
    events: batches(),
    right: (rs) => rs.every((r, i) => JSON.stringify(r.batchItemFailures.map((f: { itemIdentifier: string }) => f.itemIdentifier)) === JSON.stringify(failedIds(batches()[i]))),
  },
  {
    fixture: 'state-reset-array.mjs',
    packages: () => ({ deps: { processRecord: async (r: { delay: number; fail: boolean }) => (await ticks(r.delay), !r.fail) } }),
    events: batches(),
    right: (rs) => rs.every((r, i) => JSON.stringify(r.batchItemFailures.map((f: { itemIdentifier: string }) => f.itemIdentifier)) === JSON.stringify(failedIds(batches()[i]))),
  },
  {
    fixture: 'env-local-mjs.mjs',
    packages: () => ({ deps: { audit: async (e: { delay: number }) => ticks(e.delay) } }),
    events: range(5).map((i) => ({ tenant: `t${i}`, delay: delayOf(i, 5) })),
    right: (rs) => rs.every((r, i) => r.tenant === `t${i}`),
    env: ['TENANT'],
  },
  {
    fixture: 'env-try-block.mjs',
    packages: () => ({ deps: { audit: async (e: { delay: number }) => ticks(e.delay) } }),
    events: range(5).map((i) => ({ tenant: `t${i}`, delay: delayOf(i, 5) })),
    right: (rs) => rs.every((r, i) => r.tenant === `t${i}`),
    env: ['TENANT'],
  },
  {
    fixture: 'state-try-block.ts',
    packages: () => ({ deps: { loadOrder: async (id: string) => (await ticks(10 - Number(id.slice(1))), { id }) } }),
    events: range(5).map((i) => ({ userId: `u${i}`, orderId: `o${i}` })),
    right: (rs) => rs.every((r, i) => r.owner === `u${i}` && r.label === `o${i} for u${i}`),
  },
  {
    fixture: 'env-local-cjs.cjs',
    packages: () => ({ deps: { audit: async (e: { delay: number }) => (await ticks(e.delay), true) } }),
    events: range(6).map((i) => ({ stage: i % 3 ? 'dev' : 'prod', delay: delayOf(i, 6) })),
    right: (rs) => rs.every((r, i) => r.stage === (i % 3 ? 'dev' : 'prod') && (r.strict === true) === (i % 3 === 0)),
    env: ['REQUEST_STAGE'],
  },
  {
    fixture: 'env-local-ts.ts',
    packages: () => ({ deps: { audit: async (e: { priority: number }) => ticks(10 - e.priority) } }),
    events: range(5).map((i) => ({ priority: i })),
    right: (rs) => rs.every((r, i) => r.priority === String(i)),
    env: ['JOB_PRIORITY'],
  },
  {
    fixture: 'middleware-timing.cjs',
    packages: () => ({
      '@middy/core': { default: fakeMiddy },
      deps: { work: async (e: { delay: number }) => (await ticks(e.delay), { ok: true }) },
    }),
    events: range(5).map((i) => ({ startedAt: 1000 + i, delay: delayOf(i, 5) })),
    right: (rs) => rs.every((r, i) => r.ok && r.startedAt === 1000 + i),
  },
  {
    fixture: 'middleware-methods.mjs',
    packages: () => ({
      '@middy/core': { default: fakeMiddy },
      deps: { work: async (e: { delay: number }) => (await ticks(e.delay), {}) },
    }),
    events: range(5).map((i) => ({ headers: { 'x-correlation-id': `c${i}` }, delay: delayOf(i, 5) })),
    right: (rs) => rs.every((r, i) => r.correlationId === `c${i}`),
  },
  // one handler object at module scope: `this` state shared by the worker's requests
  ...['class-state-local.mjs', 'class-state-bind-ts.ts', 'class-private-field.mjs'].map((fixture) => ({
    fixture,
    packages: () => ({ deps: { loadOrder: async (id: string) => (await ticks(10 - Number(id.slice(1))), { id }) } }),
    events: range(5).map((i) => ({ userId: `u${i}`, orderId: `o${i}` })),
    right: (rs: any[]) => rs.every((r, i) => (r.user ?? r.userId) === `u${i}` && r.order.id === `o${i}`),
  })),
  // helper modules: no handler of their own, so each invocation calls the exported function
  {
    fixture: 'helper-rmw-cjs.cjs',
    packages: () => ({ deps: { getPrice: async (o: { amount: number; delay: number }) => (await ticks(o.delay), o.amount) } }),
    events: orders.map((e) => e.order),
    entry: (m) => (sale) => m.recordSale(sale),
    right: (rs) => max(rs.map((r) => r.revenue)) === 36 && new Set(rs.map((r) => r.revenue)).size === 8,
  },
  {
    fixture: 'helper-counter-mjs.mjs',
    packages: () => ({ deps: { save: async (job: { delay: number }) => ticks(job.delay) } }),
    events: range(6).map((i) => ({ id: `j${i}`, delay: delayOf(i, 6) })),
    entry: (m) => (job) => m.startJob(job),
    right: (rs) => rs.every((r, i) => r.job === `j${i}`) && isPermutationOf1toN(rs.map((r) => r.sequence)),
  },
  {
    fixture: 'helper-map-reread-ts.ts',
    packages: () => ({ deps: { countWords: async (text: string) => (await ticks(20 - text.length), text.split(' ').length) } }),
    events: ['a b c', 'd e', 'f', 'g h i j', 'k l'].map((text, i) => ({ tenant: i % 2 ? 'ann' : 'bob', text })),
    entry: (m) => async (e) => ({ tenant: e.tenant, words: await m.recordUsage(e.tenant, e.text), usage: m.usageOf(e.tenant) }),
    // bob: 3 + 1 + 2 words, ann: 2 + 4
    right: (rs) => max(rs.filter((r) => r.tenant === 'bob').map((r) => r.usage)) === 6 && max(rs.filter((r) => r.tenant === 'ann').map((r) => r.usage)) === 6,
  },
  {
    fixture: 'helper-lock-cjs.cjs',
    packages: () => ({
      deps: { applyInterest: async (current: number, rate: number) => (await ticks(rate), current + rate) },
      'async-mutex': { Mutex: FakeMutex },
    }),
    events: [5, 3, 4, 1, 2, 6].map((rate, i) => ({ account: i % 2 ? 'a' : 'b', rate })),
    entry: (m) => async (e) => ({ account: e.account, balance: await m.accrue(e.account, e.rate) }),
    // b: 100 + 5 + 4 + 2, a: 100 + 3 + 1 + 6
    right: (rs) => max(rs.filter((r) => r.account === 'b').map((r) => r.balance)) === 111 && max(rs.filter((r) => r.account === 'a').map((r) => r.balance)) === 110,
  },
  {
    fixture: 'helper-reset-ts.ts',
    packages: () => ({ deps: { processRecord: async (r: { delay: number; fail: boolean }) => (await ticks(r.delay), !r.fail) } }),
    events: batches(),
    entry: (m) => async (e) => ({ batchItemFailures: await m.processBatch(e.Records) }),
    right: (rs) => rs.every((r, i) => JSON.stringify(r.batchItemFailures.map((f: { itemIdentifier: string }) => f.itemIdentifier)) === JSON.stringify(failedIds(batches()[i]))),
  },
  {
    fixture: 'helper-object-mjs.mjs',
    packages: () => ({ deps: { enrich: async (id: string) => (await ticks(10 - Number(id.slice(1))), `${id}!`) } }),
    events: range(5).map((i) => ({ user: `u${i}`, id: `e${i}` })),
    entry: (m) => async (e) => ({ text: await m.describe(e) }),
    right: (rs) => rs.every((r, i) => r.text === `u${i}/e${i}!`),
  },
  {
    fixture: 'helper-state-local-mjs.mjs',
    packages: () => ({
      deps: {
        loadOrder: async (id: string) => (await ticks(Number(id.slice(1))), { id, total: 10 * Number(id.slice(1)) }),
        audit: async () => ticks(10),
      },
    }),
    events: range(5).map((i) => ({ id: `o${i}` })),
    entry: (m) => async (e) => ({ label: await m.describeOrder(e.id) }),
    right: (rs) => rs.every((r, i) => r.label === `o${i}: ${10 * i}`),
  },
];

/** SQS-style batches: message `b<i>-<k>` fails when (i + k) is odd. */
function batches() {
  return range(4).map((i) => ({
    Records: range(3).map((k) => ({ messageId: `b${i}-${k}`, delay: 2 * (4 - i) + k, fail: (i + k) % 2 === 1 })),
  }));
}

function failedIds(event: { Records: Array<{ messageId: string; fail: boolean }> }): string[] {
  return event.Records.filter((r) => r.fail).map((r) => r.messageId);
}

async function handlerOf(c: BehaviourCase, kind: 'input' | 'output') {
  const [, name, ext] = /^(.*)\.([^.]+)$/.exec(c.fixture)!;
  const source = readFileSync(join(DIR, `${name}.${kind}.${ext}`), 'utf8');
  const mod = await loadModule({ file: `${name}.${ext}`, source, packages: c.packages() });
  return (c.entry ? c.entry(mod) : mod.handler) as (event: unknown, context: object) => Promise<unknown>;
}

describe('shared-state fixtures under concurrency', () => {
  for (const c of CASES) {
    it(c.fixture, async () => {
      try {
        await check(c);
      } finally {
        for (const name of c.env ?? []) delete process.env[name];
      }
    });
  }
});

async function check(c: BehaviourCase): Promise<void> {
  const input = await runOverlapping(await handlerOf(c, 'input'), c.events);
  expect(c.right(input), `input should be wrong under overlap: ${JSON.stringify(input)}`).toBe(false);
  const output = await runOverlapping(await handlerOf(c, 'output'), c.events);
  expect(c.right(output), `output should be right under overlap: ${JSON.stringify(output)}`).toBe(true);
  const inputSerial = await runOneAtATime(await handlerOf(c, 'input'), c.events);
  const outputSerial = await runOneAtATime(await handlerOf(c, 'output'), c.events);
  expect(outputSerial).toEqual(inputSerial);
  expect(c.right(outputSerial)).toBe(true);
}
