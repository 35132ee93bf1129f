// `lmi-migrate simulate` on small handlers with deterministic fakes (fixed setTimeout delays, a
// fake `pg` under test/simulate-fixtures/node_modules): races are reported for the hazards and
// not for their fixes, stable across runs because the interleaving is fixed by the delays.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIO } from './support/capture-io';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';
import type { ParsedOptions } from '../cli/io';

const FIXTURES = join(__dirname, 'simulate-fixtures');
const BIN = join(__dirname, '..', 'cli', 'bin.cjs');

async function simulate(file: string, values: ParsedOptions = {}) {
  const run = captureIO(FIXTURES);
  const code = await runSimulate([file], { format: 'json', workers: '2', concurrency: '4', invocations: '8', ...values }, run.io);
  const report = code !== 2 ? (JSON.parse(run.stdout()) as SimulationReport) : undefined;
  return { code, report: report!, stderr: run.stderr() };
}

// each test starts several worker threads; generous timeout for loaded CI machines
describe.concurrent('simulate', { timeout: 90_000 }, () => {
  it('reports per-request data in a module global as a race, with the concurrent and sequential results', async () => {
    const { code, report } = await simulate('module-state.cjs');
    expect(code).toBe(1);
    expect(report.outcome).toBe('races');
    // each worker runs 4 at a time and the last writer of the global wins: key-7 on worker 0, key-8 on worker 1
    const first = report.races.find((r) => r.id === 0)!;
    expect(first.event).toEqual({ id: 1, key: 'key-1', value: 10 });
    expect(first.concurrent).toEqual({ ok: true, response: { user: 'key-7' } });
    expect(first.sequential.startOrder).toEqual({ ok: true, response: { user: 'key-1' } });
    expect(first.sequential.completionOrder).toEqual({ ok: true, response: { user: 'key-1' } });
    // the last invocation of each worker gets its own data back: no race for #6 and #7
    expect(report.races.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports no race once the per-request data is a local', async () => {
    const { code, report } = await simulate('module-state-fixed.cjs');
    expect(code).toBe(0);
    expect(report.outcome).toBe('clean');
    expect(report.invocations.map((i) => i.result)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ ok: true, response: { user: `key-${n}` } })),
    );
  });

  it('reports a lost update (total += await f()) as a race', async () => {
    const { code, report } = await simulate('lost-update.cjs');
    expect(code).toBe(1);
    // every concurrent request read total = 0 before its await: each returns only its own amount
    expect(report.invocations.map((i) => (i.result.ok ? i.result.response : null))).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80].map((total) => ({ total })),
    );
    // one at a time, worker 0 (events 1, 3, 5, 7) counts 10, 40, 90, 160
    expect(report.races.find((r) => r.id === 4)!.sequential.startOrder).toEqual({ ok: true, response: { total: 90 } });
    expect(report.races.map((r) => r.id)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('reports no race for the exact fix (await into a local, then update synchronously)', async () => {
    const { code, report } = await simulate('lost-update-fixed.cjs');
    expect(code).toBe(0);
    expect(report.races).toEqual([]);
    expect(report.invocations.find((i) => i.id === 6)!.result).toEqual({ ok: true, response: { total: 160 } });
  });

  it('reports a fixed /tmp path: clobbered by another invocation, a race, and a file left behind', async () => {
    const { code, report } = await simulate('tmp-fixed-path.mjs');
    expect(code).toBe(1);
    expect(report.races.length).toBeGreaterThan(0);
    expect(report.tmp.overwritten.length).toBeGreaterThan(0);
    expect(report.tmp.overwritten.every((o) => o.path === '/tmp/report.json' && o.writtenBy !== o.overwrittenBy)).toBe(true);
    // within worker 0, invocation #0 is still running when #2 rewrites the file
    expect(report.tmp.overwritten).toContainEqual({ path: '/tmp/report.json', writtenBy: 0, overwrittenBy: 2 });
    expect(report.tmp.leftBehind).toEqual(['/tmp/report.json']);
  });

  it('reports nothing for a unique mkdtemp directory removed in finally', async () => {
    const { code, report } = await simulate('tmp-unique-dir.mjs');
    expect(code).toBe(0);
    expect(report.tmp).toEqual({ leftBehind: [], overwritten: [], overwrittenAtInit: [] });
    expect(report.invocations[2].result).toEqual({ ok: true, response: { key: 'key-3' } });
  });

  it('rejects a callback handler at init (exit 1) and names the rule', async () => {
    const { code, report } = await simulate('callback-handler.cjs');
    expect(code).toBe(1);
    expect(report.outcome).toBe('rejected-at-init');
    expect(report.rejectedAtInit!.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(report.invocations).toEqual([]);
  });

  it('loads a streamifyResponse handler with 3 parameters and collects what it streams', async () => {
    const { code, report } = await simulate('streaming-handler.mjs', { invocations: '2', workers: '1' });
    expect(code).toBe(0);
    expect(report.invocations.map((i) => i.result)).toEqual([
      { ok: true, response: 'event 1' },
      { ok: true, response: 'event 2' },
    ]);
  });

  it('counts a client built in every invocation (TypeScript ESM handler importing pg)', async () => {
    const { code, report } = await simulate('client-per-invocation.mts');
    expect(code).toBe(0);
    expect(report.clients).toEqual([
      {
        library: 'pg',
        name: 'Client',
        total: 8,
        atInit: 0,
        inInvocations: 8,
        invocations: 8,
        perWorker: [
          { worker: 0, atInit: 0, inInvocations: 4 },
          { worker: 1, atInit: 0, inInvocations: 4 },
        ],
        maxPerWorker: 4,
      },
    ]);
    expect(report.summary.clientsBuiltInInvocations).toBe(8);
    expect(report.invocations.every((i) => i.clientsBuilt.join() === 'pg Client')).toBe(true);
  });

  it('loads a TypeScript handler from a CommonJS package', async () => {
    const { code, report } = await simulate('typed-handler.ts', { workers: '1', invocations: '2' });
    expect(code).toBe(0);
    expect(report.invocations.map((i) => i.result)).toEqual([
      { ok: true, response: { id: 1 } },
      { ok: true, response: { id: 2 } },
    ]);
  });

  it('counts one pool per worker when it is created at init', async () => {
    const { report } = await simulate('client-at-init.mjs');
    expect(report.clients.map((c) => [c.name, c.atInit, c.inInvocations, c.maxPerWorker])).toEqual([['Pool', 2, 0, 1]]);
  });

  it('counts AWS SDK v3 clients (bundled getters, static from) and v2 service clients', async () => {
    const v3 = await simulate('sdk-clients.mjs', { workers: '1', concurrency: '2', invocations: '3' });
    expect(v3.code).toBe(0);
    expect(v3.report.clients.map((c) => [c.library, c.name, c.atInit, c.inInvocations])).toEqual([
      ['@aws-sdk/client-dynamodb', 'DynamoDBClient', 1, 0],
      ['@aws-sdk/client-s3', 'S3Client', 0, 3],
      ['@aws-sdk/lib-dynamodb', 'DynamoDBDocumentClient.from', 1, 0],
    ]);
    // the counting proxy keeps instanceof
    expect(v3.report.invocations[0].result).toEqual({ ok: true, response: { body: 'object key-1', item: { id: 1 }, isClient: true } });
    const v2 = await simulate('sdk-v2.cjs', { workers: '1', concurrency: '2', invocations: '3' });
    expect(v2.report.clients.map((c) => [c.library, c.name, c.atInit, c.inInvocations])).toEqual([
      ['aws-sdk', 'DynamoDB.DocumentClient', 1, 0],
      ['aws-sdk', 'S3', 0, 3],
    ]);
  });

  it('shows a racing lazy init as several constructions in one worker, the memoized promise as one', async () => {
    const racing = await simulate('lazy-init.cjs');
    // every response is right, yet each worker connected once per request in flight
    expect(racing.code).toBe(0);
    expect(racing.report.clients[0]).toMatchObject({ name: 'Client', inInvocations: 8, maxPerWorker: 4 });
    const memoized = await simulate('lazy-init-memoized.cjs');
    expect(memoized.report.clients[0]).toMatchObject({ name: 'Client', inInvocations: 2, maxPerWorker: 1 });
  });

  it('gives the new runtime context: succeed throws, each request keeps its own ids in its replays', async () => {
    const { code, report } = await simulate('legacy-context.cjs', { invocations: '8', workers: '1' });
    // xRayTraceId is not masked: the replays run the same requests, with the same ids
    expect(code).toBe(0);
    const [odd, even] = report.invocations;
    expect(odd.result).toMatchObject({ ok: false, error: { errorType: 'TypeError' } });
    expect(!odd.result.ok && odd.result.error.errorMessage).toContain('context.succeed');
    expect(even.result).toMatchObject({ ok: true, response: { id: 2, remaining: true } });
    type Ids = { requestId: string; traceId: string; logStream: string };
    const responses = report.invocations.filter((i) => i.result.ok).map((i) => (i.result as { response: Ids }).response);
    expect(responses).toHaveLength(4);
    expect(new Set(responses.map((r) => r.requestId)).size).toBe(4);
    expect(new Set(responses.map((r) => r.traceId)).size).toBe(4);
    for (const r of responses) expect(r.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    // one log stream per worker
    expect(new Set(responses.map((r) => r.logStream)).size).toBe(1);
  });

  it('treats a field that differs on every run as a race unless --ignore-field names it', async () => {
    expect((await simulate('random-field.cjs', { invocations: '2', workers: '1' })).code).toBe(1);
    expect((await simulate('random-field.cjs', { invocations: '2', 'ignore-field': ['$.nonce'], workers: '1' })).code).toBe(0);
  });

  it('reads events from a directory of *.json files (name order) and from a JSON array file', async () => {
    const dir = await simulate('module-state-fixed.cjs', { events: 'events', invocations: undefined, workers: '1' });
    expect(dir.report.invocations.map((i) => i.event)).toEqual([
      { id: 1, key: 'from-file-1' },
      { id: 2, key: 'from-file-2' },
    ]);
    const file = await simulate('module-state-fixed.cjs', { events: 'events.json', invocations: '3', workers: '1' });
    expect(file.report.invocations.map((i) => i.result)).toEqual([1, 2, 3].map(() => ({ ok: true, response: { user: 'k7' } })));
    const missing = await simulate('module-state-fixed.cjs', { events: 'no-events.json', workers: '1' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('events not found');
  });

  it('masks ISO timestamps by default and walks --ignore-field paths into a JSON body', async () => {
    const raw = await simulate('api-body.cjs', { invocations: '2', workers: '1' });
    expect(raw.code).toBe(1);
    const ignored = await simulate('api-body.cjs', { invocations: '2', workers: '1', 'ignore-field': ['$.body.trace'] });
    expect(ignored.code).toBe(0);
  });

  it('imports the --setup module in each worker before the handler', async () => {
    const { code, report } = await simulate('uses-setup.cjs', { invocations: '2', setup: 'setup-greeting.cjs', workers: '1' });
    expect(code).toBe(0);
    expect(report.invocations.map((i) => i.result)).toEqual([
      { ok: true, response: { id: 1, greeting: 'hello from setup' } },
      { ok: true, response: { id: 2, greeting: 'hello from setup' } },
    ]);
  });

  it('reports requests killed in flight by process.exit as failing only under concurrency', async () => {
    const { code, report } = await simulate('process-exit.cjs', { workers: '1', invocations: '6' });
    expect(code).toBe(1);
    // #2 exits at 30 ms; #3, #4, #5 are in flight on the same worker (4 at a time)
    expect(report.invocations[2].result).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(report.failedOnlyUnderConcurrency).toEqual([3, 4, 5]);
    expect(report.races.find((r) => r.id === 3)!.sequential.startOrder).toEqual({ ok: true, response: { id: 4 } });
  });

  it('reports an uncaught exception: the request whose code threw gets it, the others in flight die with the worker', async () => {
    const { code, report } = await simulate('uncaught-in-flight.cjs', { workers: '1', invocations: '4' });
    // #2's timer throws at 30 ms; #0 and #1 have answered, #3 is in flight
    expect(code).toBe(1);
    expect(report.uncaughtExceptions).toEqual([
      { worker: 0, invocation: 2, afterResponse: false, errorType: 'Error', errorMessage: 'callback of request 3 failed', killedInFlight: [3] },
    ]);
    expect(report.summary.uncaughtExceptions).toBe(1);
    expect(report.invocations.map((i) => i.result)).toEqual([
      { ok: true, response: { id: 1 } },
      { ok: true, response: { id: 2 } },
      // the same one at a time: not a race
      { ok: false, error: { errorType: 'Error', errorMessage: 'callback of request 3 failed' } },
      { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'killed in flight: worker crashed: Error: callback of request 3 failed' } },
    ]);
    expect(report.races.map((r) => r.id)).toEqual([3]);
    expect(report.failedOnlyUnderConcurrency).toEqual([3]);
  });

  it('lets work left running after the responses run, and reports whose code threw after its response', async () => {
    const { code, report } = await simulate('uncaught-after-response.cjs', { workers: '1', invocations: '4' });
    expect(code).toBe(0);
    expect(report.uncaughtExceptions).toEqual([
      { worker: 0, invocation: 0, afterResponse: true, errorType: 'Error', errorMessage: 'audit of request 1 failed', killedInFlight: [] },
    ]);
    // the handler's own process.on('uncaughtException') keeps the worker alive: nothing to report
    const handled = await simulate('uncaught-after-response.cjs', { workers: '1', invocations: '4', events: 'handled-events.json' });
    expect(handled.report.uncaughtExceptions).toEqual([]);
  });

  it('exits 2 with the reason on harness errors', async () => {
    const missing = await simulate('no-such-handler.cjs');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('handler file not found: no-such-handler.cjs');
    const noExport = await simulate('module-state.cjs', { export: 'main', workers: '1' });
    expect(noExport.code).toBe(2);
    expect(noExport.stderr).toContain('main is not exported; exports: handler');
    const broken = await simulate('throws-at-load.cjs', { workers: '1' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('failed to load: Error: cannot read config');
    expect(broken.stderr).toContain('throws-at-load.cjs:2');
  });

  it('runs through the real bin with the pretty report', () => {
    const r = spawnSync(process.execPath, [BIN, 'simulate', 'module-state.cjs', '--invocations', '4', '--concurrency', '2'], {
      cwd: FIXTURES,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('simulate module-state.cjs (export handler): 2 workers x 2 concurrent, 4 invocations');
    expect(r.stdout).toContain('#0 (worker 0) event {"id":1,"key":"key-1","value":10}');
    expect(r.stdout).toContain('concurrent:                    {"user":"key-3"}');
    expect(r.stdout).toContain('2 race(s) found');
    const usage = spawnSync(process.execPath, [BIN, 'simulate', 'module-state.cjs', '--workers', '0'], { cwd: FIXTURES, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe('lmi-migrate: --workers must be a whole number from 1 to 1000, got "0"\n');
  });
});
