// `simulate` warnings, beside races: repeated work (the same call with the same arguments made by
// requests with different events, or made more often under concurrency than one at a time: a racing
// lazy init), blocking calls during invocations, one database connection shared by concurrent
// invocations. Deterministic fakes (fixed delays) under test/simulate-fixtures; exit code unchanged.
import { captureIO } from './support/capture-io';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';
import type { ParsedOptions } from '../cli/io';

const FIXTURES = join(__dirname, 'simulate-fixtures');

async function simulate(file: string, values: ParsedOptions = {}) {
  const run = captureIO(FIXTURES);
  const code = await runSimulate([file], { format: 'json', workers: '2', concurrency: '4', invocations: '8', ...values }, run.io);
  const stdout = run.stdout();
  return { code, report: (values.format === 'pretty' ? undefined : JSON.parse(stdout)) as SimulationReport, stdout };
}

describe.concurrent('simulate warnings', { timeout: 90_000 }, () => {
  it('reports a file read by every request as repeated work and its readFileSync as blocking; a file per event is neither', async () => {
    // 4 events, each sent twice: the per-event file is read twice with the same event (not repeated work)
    const { code, report } = await simulate('repeated-config.cjs', { events: 'file-events.json', workers: '1' });
    expect(code).toBe(0);
    expect(report.repeatedWork).toEqual([
      {
        call: `fs.readFileSync(${JSON.stringify(join(FIXTURES, 'events.json'))})`,
        kind: 'same-result',
        total: 8,
        atInit: 0,
        inInvocations: 8,
        distinctEvents: 4,
        perWorker: [{ worker: 0, atInit: 0, inInvocations: 8, oneAtATime: 8 }],
        maxPerWorker: 8,
        moreUnderConcurrency: false,
      },
    ]);
    expect(report.blockingCalls.map((b) => [b.fn, b.calls, b.invocations])).toEqual([['fs.readFileSync', 8, 8]]);
    expect(report.summary).toMatchObject({ repeatedWork: 1, blockingCallsInInvocations: 8, sharedConnections: 0 });
  });

  it('does not call work repeated when every request has the same event (it may depend on the event)', async () => {
    const { report } = await simulate('repeated-config.cjs', { events: 'events.json', workers: '1' });
    expect(report.repeatedWork).toEqual([]);
    // still blocking
    expect(report.blockingCalls.map((b) => b.fn)).toEqual(['fs.readFileSync']);
  });

  it('does not count a call whose arguments hold a value of its event, nor a re-read of a /tmp file', async () => {
    const { report } = await simulate('per-event-reads.mjs', { events: 'shared-file-events.json', workers: '1' });
    expect(report.invocations.every((i) => i.result.ok)).toBe(true);
    expect(report.repeatedWork).toEqual([]);
  });

  it('reports a racing lazy init: more connects and constructions under concurrency than one at a time', async () => {
    const { code, report } = await simulate('lazy-init.cjs');
    expect(code).toBe(0);
    const lazy = report.repeatedWork.filter((r) => r.moreUnderConcurrency).map((r) => [r.call, r.perWorker.map((w) => [w.atInit + w.inInvocations, w.oneAtATime])]);
    expect(lazy).toEqual([
      ['pg Client (client construction)', [[4, 1], [4, 1]]],
      ['pg Client.connect()', [[4, 1], [4, 1]]],
    ]);
    const memoized = await simulate('lazy-init-memoized.cjs');
    expect(memoized.report.repeatedWork).toEqual([]);
  });

  it('reports one pg Client shared by concurrent transactions, and no warning for its per-request statements', async () => {
    const { code, report } = await simulate('shared-transaction.cjs');
    expect(code).toBe(0);
    // per worker: 4 invocations x 3 statements; all but the first BEGIN run inside another's transaction
    expect(report.sharedConnections).toEqual([
      { client: 'pg Client', worker: 0, connection: 1, invocations: 4, maxAtOnce: 4, intoOthersTransactions: 11 },
      { client: 'pg Client', worker: 1, connection: 1, invocations: 4, maxAtOnce: 4, intoOthersTransactions: 11 },
    ]);
    expect(report.repeatedWork).toEqual([]);
    expect(report.blockingCalls).toEqual([]);
  });

  it('times synchronous crypto during invocations; a memoized one-connection client is still shared', async () => {
    const blocking = await simulate('blocking-hash.mjs', { workers: '1', invocations: '4' });
    expect(blocking.report.blockingCalls.map((b) => [b.fn, b.calls, b.invocations])).toEqual([['crypto.pbkdf2Sync', 4, 4]]);
    expect(blocking.report.blockingCalls[0].totalMs).toBeGreaterThan(0);
    // different ids: different arguments, not repeated work
    expect(blocking.report.repeatedWork).toEqual([]);
    const memoized = await simulate('lazy-init-memoized.cjs');
    expect(memoized.report.sharedConnections.map((c) => [c.worker, c.invocations, c.maxAtOnce])).toEqual([
      [0, 4, 4],
      [1, 4, 4],
    ]);
  });

  it('records SDK v3 send and v2 promise requests by client, command and input (reads from a service)', async () => {
    const { report } = await simulate('sdk-same-request.cjs', { workers: '1', invocations: '3' });
    expect(report.repeatedWork.map((r) => [r.call, r.kind, r.maxPerWorker, r.moreUnderConcurrency])).toEqual([
      ['DocumentClient.get({"Key":{"id":"all"},"TableName":"flags"}).promise()', 'remote-read', 3, false],
      ['S3Client.send(GetObjectCommand {"Bucket":"config","Key":"settings.json"})', 'remote-read', 3, false],
    ]);
    // requests for each event's own data are not repeated work
    const own = await simulate('sdk-clients.mjs', { workers: '1', concurrency: '2', invocations: '3' });
    expect(own.report.repeatedWork).toEqual([]);
  });

  it('shows the warnings in the pretty report and keeps exit 0 when no race is found', async () => {
    const { code, stdout } = await simulate('lazy-init.cjs', { format: 'pretty' });
    expect(code).toBe(0);
    expect(stdout).toContain('REPEATED WORK (warning): 2 call(s) made again and again with the same arguments');
    expect(stdout).toContain('  pg Client.connect()\n    4 times in worker 0 under concurrency, 1 one at a time with the same events\n');
    expect(stdout).toMatch(/no race found; warnings: 2 repeated call\(s\)\n$/);
    const shared = await simulate('shared-transaction.cjs', { format: 'pretty' });
    expect(shared.stdout).toContain('SHARED CONNECTION (warning): one database connection used by several invocations at once\n  pg Client #1 (worker 0): used by 4 invocations, up to 4 at once; 11 statements sent inside another invocation\'s transaction\n');
  });
});
