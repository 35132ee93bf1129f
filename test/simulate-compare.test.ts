// The pure parts of simulate: how results are made comparable, and which /tmp writes count as
// overwrites. No worker threads here.
import { describe, expect, it } from 'vitest';
import { findInitOverwrites, findOverwrites, sameResult, summariseClients } from '../cli/simulate/analyse-run';
import { maskForComparison, parseFieldPath, unsandbox } from '../cli/simulate/mask';
import type { InvocationRecord } from '../cli/simulate/protocol';

describe('result masking', () => {
  it('parses field paths with or without $, with indexes and wildcards', () => {
    expect(parseFieldPath('$.body.requestId')).toEqual(['body', 'requestId']);
    expect(parseFieldPath('body.requestId')).toEqual(['body', 'requestId']);
    expect(parseFieldPath('$.items[0].id')).toEqual(['items', '0', 'id']);
    expect(parseFieldPath('items[*].id')).toEqual(['items', '*', 'id']);
    expect(() => parseFieldPath('$')).toThrow(/names no field/);
  });

  it('masks UUIDs, ISO timestamps and epoch milliseconds, also inside JSON text', () => {
    const a = { id: '3f1c2a9e-0b7d-4c1e-9a55-2f6b1d2e3c4d', at: '2026-11-27T20:37:27.123Z', ms: 1795812283547, body: JSON.stringify({ ts: '1795812283547', n: 5 }) };
    const b = { id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: '2025-01-01T00:00:00Z', ms: 1700000000000, body: JSON.stringify({ n: 5, ts: '1700000000000' }) };
    expect(maskForComparison(a, [])).toEqual(maskForComparison(b, []));
    expect(maskForComparison({ n: 5 }, [])).not.toEqual(maskForComparison({ n: 6 }, []));
    // small numbers are data, not timestamps
    expect(maskForComparison({ total: 160 }, [])).toEqual({ total: 160 });
  });

  it('ignores named fields, walking into a JSON body', () => {
    const r1 = { ok: true as const, response: { statusCode: 200, body: JSON.stringify({ id: 1, trace: 'x1' }) } };
    const r2 = { ok: true as const, response: { statusCode: 200, body: JSON.stringify({ id: 1, trace: 'y2' }) } };
    expect(sameResult(r1, r2, [])).toBe(false);
    expect(sameResult(r1, r2, [parseFieldPath('$.body.trace')])).toBe(true);
    const r3 = { ok: true as const, response: { statusCode: 200, body: JSON.stringify({ id: 2, trace: 'y2' }) } };
    expect(sameResult(r1, r3, [parseFieldPath('$.body.trace')])).toBe(false);
  });

  it('reads sandbox paths as /tmp and hides the random suffix of mkdtemp directories', () => {
    const sandbox = '/tmp/lmi-simulate-AbC123';
    const value = { file: `${sandbox}/report-x7Yz9Q/out.csv`, dir: `${sandbox}/cache` };
    expect(unsandbox(value, { sandbox, tempDirs: [`${sandbox}/report-x7Yz9Q`] })).toEqual({ file: '/tmp/report-XXXXXX/out.csv', dir: '/tmp/cache' });
  });

  it('compares errors by type and message', () => {
    const e = (m: string) => ({ ok: false as const, error: { errorType: 'Error', errorMessage: m } });
    expect(sameResult(e('boom'), e('boom'), [])).toBe(true);
    expect(sameResult(e('boom'), e('bang'), [])).toBe(false);
    expect(sameResult(e('boom'), { ok: true, response: 'boom' }, [])).toBe(false);
  });
});

describe('observations', () => {
  const record = (id: number, startedAt: number, endedAt: number): InvocationRecord => ({ id, startedAt, endedAt, startIndex: id, endIndex: id, result: { ok: true, response: null } });

  it('reports a file rewritten by another invocation only while the first writer was still running', () => {
    const records = [record(0, 0, 50), record(1, 10, 60), record(2, 70, 80)];
    const writes = [
      { path: 'a.json', invocation: 0, at: 1 },
      { path: 'a.json', invocation: 1, at: 11 },
      // #2 writes after #0 and #1 finished: a sequential Lambda would do the same
      { path: 'a.json', invocation: 2, at: 71 },
      // the same invocation writing twice is not an overwrite
      { path: 'b.json', invocation: 0, at: 2 },
      { path: 'b.json', invocation: 0, at: 3 },
      // writes at init are not attributed to a request
      { path: 'c.json', invocation: null, at: 0 },
      { path: 'c.json', invocation: 1, at: 12 },
    ];
    expect(findOverwrites(writes, records)).toEqual([{ path: '/tmp/a.json', writtenBy: 0, overwrittenBy: 1 }]);
  });

  it('reports a file the init of one worker wrote and the init of another wrote again, unless both renamed the same bytes onto it', () => {
    const byWorker = [
      [
        { path: 'config.json', invocation: null, at: 1 },
        { path: 'same.json', invocation: null, at: 1, renamed: 'd1' },
        { path: 'differs.json', invocation: null, at: 1, renamed: 'd1' },
        // an invocation's write is not an init write
        { path: 'late.json', invocation: 0, at: 40 },
      ],
      [
        { path: 'config.json', invocation: null, at: 3 },
        { path: 'same.json', invocation: null, at: 2, renamed: 'd1' },
        { path: 'differs.json', invocation: null, at: 2, renamed: 'd2' },
        { path: 'late.json', invocation: null, at: 2 },
        // one worker's init writing a file twice is its own business
        { path: 'own.json', invocation: null, at: 1 },
        { path: 'own.json', invocation: null, at: 2 },
      ],
    ];
    expect(findInitOverwrites(byWorker)).toEqual([
      { path: '/tmp/config.json', writtenByWorker: 0, overwrittenByWorker: 1 },
      { path: '/tmp/differs.json', writtenByWorker: 0, overwrittenByWorker: 1 },
    ]);
  });

  it('summarises client constructions per worker, at init and in invocations', () => {
    const summary = summariseClients([
      [
        { library: 'pg', name: 'Pool', invocation: null },
        { library: '@aws-sdk/client-s3', name: 'S3Client', invocation: 0 },
        { library: '@aws-sdk/client-s3', name: 'S3Client', invocation: 2 },
      ],
      [{ library: 'pg', name: 'Pool', invocation: null }],
    ]);
    expect(summary).toEqual([
      {
        library: '@aws-sdk/client-s3',
        name: 'S3Client',
        total: 2,
        atInit: 0,
        inInvocations: 2,
        invocations: 2,
        perWorker: [
          { worker: 0, atInit: 0, inInvocations: 2 },
          { worker: 1, atInit: 0, inInvocations: 0 },
        ],
        maxPerWorker: 2,
      },
      {
        library: 'pg',
        name: 'Pool',
        total: 2,
        atInit: 2,
        inInvocations: 0,
        invocations: 0,
        perWorker: [
          { worker: 0, atInit: 1, inInvocations: 0 },
          { worker: 1, atInit: 1, inInvocations: 0 },
        ],
        maxPerWorker: 1,
      },
    ]);
  });
});
