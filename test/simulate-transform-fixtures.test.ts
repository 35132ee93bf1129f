// `simulate` on positive fixtures of the transforms with a behavioural effect: the input shows the
// race (or the init rejection, or a client built per request), the transform's output shows none.
// Each fixture is copied into a throwaway project with deterministic fakes (fixed delays) for the
// packages and local modules it imports, and events that make each request's data distinct.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';

const ROOT = join(__dirname, '..');
const FAKE_PG = join(__dirname, 'simulate-fixtures', 'node_modules', 'pg');
const SLEEP = 'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\n';

interface Case {
  /** `<transform-id>/<case>` under __testfixtures__ */
  fixture: string;
  expect: 'race' | 'rejected-at-init' | 'client-per-request';
  event: (n: number) => unknown;
  /** `deps` package members: name → async function source */
  deps?: Record<string, string>;
  files?: Record<string, string>;
  pg?: boolean;
}

const CASES: Case[] = [
  { fixture: 'shared-state/rmw-binary-await', expect: 'race', event: (n) => ({ player: `p${n}` }), deps: { fetchScore: 'async () => { await sleep(10); return 1; }' } },
  { fixture: 'shared-state/rmw-compound-await', expect: 'race', event: (n) => ({ order: { amount: n * 10 } }), deps: { getAmount: 'async (order) => { await sleep(10); return order.amount; }' } },
  {
    fixture: 'shared-state/state-let-local',
    expect: 'race',
    event: (n) => ({ requestContext: { authorizer: { userId: `u${n}` } }, pathParameters: { id: `o${n}` } }),
    deps: { loadOrder: 'async (id) => { await sleep(10); return { id }; }' },
  },
  { fixture: 'shared-state/state-let-helper-cjs', expect: 'race', event: (n) => ({ tenant: `t${n}`, orderId: `o${n}` }), deps: { loadOrder: 'async (id) => { await sleep(10); return { id }; }' } },
  { fixture: 'shared-state/counter-readback', expect: 'race', event: (n) => ({ n }), deps: { save: 'async () => { await sleep(10); return true; }' } },
  { fixture: 'shared-state/counter-request-id', expect: 'race', event: (n) => ({ prefix: `p${n}` }), deps: { save: 'async () => { await sleep(10); return true; }' } },
  { fixture: 'shared-state/env-local-cjs', expect: 'race', event: (n) => ({ stage: n === 3 ? 'prod' : `stage-${n}` }), deps: { audit: 'async () => { await sleep(10); return true; }' } },
  {
    fixture: 'init-phase/lazy-db-race-cjs',
    expect: 'client-per-request',
    event: (n) => ({ id: n }),
    pg: true,
    files: { 'db.js': "const { Client } = require('pg');\nexports.connect = async () => { const c = new Client(); await c.connect(); return c; };\n" },
  },
  { fixture: 'client-pools/pg-per-invocation', expect: 'client-per-request', event: (n) => ({ customerId: n }), pg: true },
  { fixture: 'async-handler/cjs-callback-basic', expect: 'rejected-at-init', event: (n) => ({ pathParameters: { id: `i${n}` } }), files: { 'db.js': 'exports.lookup = (id) => ({ id });\n' } },
];

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Writes the fixture's input and output next to their fakes; returns the two handler paths. */
function project(c: Case): { dir: string; input: string; output: string } {
  const [transform, name] = c.fixture.split('/');
  const fixtures = join(ROOT, '__testfixtures__', transform);
  const files = readdirSync(fixtures);
  const input = files.find((f) => f.startsWith(`${name}.input.`))!;
  const output = files.find((f) => f.startsWith(`${name}.output.`))!;
  const dir = mkdtempSync(join(tmpdir(), 'lmi-sim-fixture-'));
  made.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'simulated-fixture', private: true }));
  cpSync(join(fixtures, input), join(dir, input));
  cpSync(join(fixtures, output), join(dir, output));
  for (const [file, source] of Object.entries(c.files ?? {})) writeFileSync(join(dir, file), source);
  if (c.pg) cpSync(FAKE_PG, join(dir, 'node_modules', 'pg'), { recursive: true });
  if (c.deps) {
    mkdirSync(join(dir, 'node_modules', 'deps'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'deps', 'package.json'), JSON.stringify({ name: 'deps', main: 'index.js' }));
    const members = Object.entries(c.deps).map(([k, src]) => `exports.${k} = ${src};`);
    writeFileSync(join(dir, 'node_modules', 'deps', 'index.js'), SLEEP + members.join('\n') + '\n');
  }
  writeFileSync(join(dir, 'events.json'), JSON.stringify(Array.from({ length: 8 }, (_, i) => c.event(i + 1))));
  return { dir, input, output };
}

async function simulate(dir: string, file: string): Promise<{ code: number; report?: SimulationReport; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: dir,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    env: {},
  };
  const code = await runSimulate([file], { format: 'json', events: 'events.json', workers: '2', concurrency: '4' }, io);
  return { code, report: code === 2 ? undefined : (JSON.parse(stdout) as SimulationReport), stderr };
}

const present = CASES.filter((c) => {
  const [transform, name] = c.fixture.split('/');
  const dir = join(ROOT, '__testfixtures__', transform);
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(`${name}.output.`));
});

describe.concurrent('simulate on transform fixtures: input shows the hazard, output does not', { timeout: 120_000 }, () => {
  it.each(present.map((c) => [c.fixture, c] as const))('%s', async (_, c) => {
    const { dir, input, output } = project(c);
    const before = await simulate(dir, input);
    const after = await simulate(dir, output);
    expect(before.stderr).toBe('');
    expect(after.stderr).toBe('');
    if (c.expect === 'race') {
      expect(before.code).toBe(1);
      expect(before.report!.races.length).toBeGreaterThan(0);
    } else if (c.expect === 'rejected-at-init') {
      expect(before.code).toBe(1);
      expect(before.report!.outcome).toBe('rejected-at-init');
    } else {
      expect(Math.max(...before.report!.clients.map((k) => k.maxPerWorker))).toBeGreaterThan(1);
      expect(Math.max(...after.report!.clients.map((k) => k.maxPerWorker))).toBe(1);
    }
    expect(after.code).toBe(0);
    expect(after.report!.races).toEqual([]);
  });
});
