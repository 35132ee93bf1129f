// examples/orders-service is the project the README's first command runs on. It must parse, and it
// must keep at least one instance of every registered rule: adding a rule without an example fails here.
import { captureIO } from './support/capture-io';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { parseTemplate } from '../transforms/analysis/cfn-yaml';
import { buildImportGraph } from '../transforms/analysis/import-graph';
import { buildProjectInfo } from '../transforms/analysis/project-info';
import { handlersFromTemplate } from '../transforms/analysis/template-handlers';
import { analyseSource, toFinding } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';
import { CONFIG_RULES, RULES, TRANSFORMS } from '../transforms/registry';
import type { ProjectInfo } from '../transforms/analysis/project';
import type { Finding } from '../transforms/types';

const REPO = join(__dirname, '..');
const EXAMPLE = join(REPO, 'examples', 'orders-service');
const SOURCE = /\.(js|mjs|cjs|ts)$/;

/** every file of the example project, as a path relative to the repo root (the engine's cwd) */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const abs = join(dir, d.name);
    return d.isDirectory() ? listFiles(abs) : [relative(REPO, abs).split('\\').join('/')];
  });
}

const files = listFiles(EXAMPLE).sort();
const sources = files.filter((f) => SOURCE.test(f));
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');
const templatePath = 'examples/orders-service/template.yaml';
const packagePath = 'examples/orders-service/package.json';

let cachedProject: ProjectInfo | undefined;

/** The project as `check` sees it, with the import graph known so helper modules are reached. */
function exampleProject(): ProjectInfo {
  return (cachedProject ??= buildExampleProject());
}

function buildExampleProject(): ProjectInfo {
  const templates = [{ path: templatePath, source: read(templatePath) }];
  const packageJsons = [{ path: packagePath, source: read(packagePath) }];
  const firstPass = sources.map((file) => analyseSource(file, read(file), [], buildProjectInfo({ templates, packageJsons })));
  const graph = buildImportGraph(firstPass.map((o) => ({ file: o.file, imports: o.imports, hasHandler: o.hasHandler })));
  return buildProjectInfo({ templates, packageJsons, graph });
}

function analyseExample(project: ProjectInfo): Finding[] {
  const findings = sources.flatMap((file) => analyseSource(file, read(file), RULES, project).findings);
  for (const file of files) {
    for (const rule of CONFIG_RULES) {
      if (!rule.files.includes(basename(file))) continue;
      for (const report of rule.checkConfig(file, read(file))) findings.push(toFinding(file, rule, report));
    }
  }
  return findings;
}

/** `tsc --noEmit` with the example's tsconfig over these TypeScript sources; returns tsc's complaints. */
function typecheck(tsFiles: Array<{ file: string; source: string }>): string {
  // inside node_modules so 'aws-lambda' and 'node:*' resolve to the installed @types
  const cacheDir = join(REPO, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(cacheDir, 'examples-tsc-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), read('examples/orders-service/tsconfig.json'));
    for (const { file, source } of tsFiles) {
      const target = join(dir, relative('examples/orders-service', file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, source);
    }
    execFileSync(join(REPO, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || String(e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files written the LMI-safe way on purpose: a finding or a rewrite there is a false positive. */
const ALREADY_SAFE = ['examples/orders-service/src/orders/list-orders.js', 'examples/orders-service/src/reports/archive-orders.mjs'];

describe('examples/orders-service', () => {
  it('is a pre-LMI project that was never installed', () => {
    const pkg = JSON.parse(read(packagePath)) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe('orders-service');
    expect(pkg.dependencies['@aws-sdk/client-s3']).toBe('^3.500.0');
    expect(existsSync(join(EXAMPLE, 'node_modules'))).toBe(false);
    expect(files.filter((f) => /(package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(f))).toEqual([]);
  });

  it('has JS and TS, CommonJS and ESM sources', () => {
    expect(sources.some((f) => f.endsWith('.ts'))).toBe(true);
    expect(sources.some((f) => f.endsWith('.mjs'))).toBe(true);
    expect(sources.some((f) => f.endsWith('.js') && read(f).includes('exports.handler'))).toBe(true);
  });

  for (const file of sources) {
    it(`parses ${relative('examples/orders-service', file)}`, () => {
      expect(() => parseForAnalysis(file, read(file))).not.toThrow();
    });
  }

  it('has a SAM template that parses with CloudFormation tags and names existing handler files', () => {
    const template = parseTemplate(read(templatePath)) as { Globals: { Function: { Runtime: string } }; Outputs: Record<string, { Value: unknown }> };
    expect(template.Globals.Function.Runtime).toBe('nodejs20.x');
    expect(template.Outputs.OrdersTableArn.Value).toEqual({ 'Fn::GetAtt': ['OrdersTable', 'Arn'] });

    const hints = handlersFromTemplate(templatePath, read(templatePath));
    expect(hints.length).toBeGreaterThanOrEqual(10);
    const missing = hints.filter((h) => !sources.some((f) => f.replace(SOURCE, '') === h.module));
    expect(missing).toEqual([]);
  });

  it('has at least one finding of every registered rule', () => {
    const found = new Set(analyseExample(exampleProject()).map((f) => f.rule));
    const missing = [...RULES, ...CONFIG_RULES].map((r) => r.id).filter((id) => !found.has(id));
    expect(missing).toEqual([]);
  });

  it('reports nothing in the files that are already LMI-safe', () => {
    const flagged = analyseExample(exampleProject()).filter((f) => ALREADY_SAFE.includes(f.file));
    expect(flagged.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);
  });

  it('fixes, in the full migration, every finding `check` calls fixable', () => {
    const project = exampleProject();
    const left: string[] = [];
    for (const file of sources) {
      const before = analyseSource(file, read(file), RULES, project).findings;
      const fixedRules = new Set(before.filter((f) => f.fixable).map((f) => f.rule));
      if (fixedRules.size === 0) continue;
      const after = analyseSource(file, transformSource(file, read(file), TRANSFORMS, project).output, RULES, project).findings;
      for (const rule of fixedRules) {
        // only the findings a human must handle may remain
        const manual = before.filter((f) => f.rule === rule && !f.fixable).length;
        const remaining = after.filter((f) => f.rule === rule);
        if (remaining.length > manual) left.push(...remaining.map((f) => `${f.file}:${f.line} ${f.rule}`));
      }
    }
    expect(left).toEqual([]);
  });

  it('still parses after the full migration, a second run changes nothing, safe files are untouched', () => {
    const project = exampleProject();
    for (const file of sources) {
      const first = transformSource(file, read(file), TRANSFORMS, project);
      expect(() => parseForAnalysis(file, first.output), file).not.toThrow();
      expect(transformSource(file, first.output, TRANSFORMS, project).output, `${file} (second run)`).toBe(first.output);
      if (ALREADY_SAFE.includes(file)) expect(first.changed, file).toBe(false);
    }
  });

  it('type-checks its TypeScript files before and after the full migration', () => {
    const tsSources = sources.filter((f) => f.endsWith('.ts'));
    expect(typecheck(tsSources.map((file) => ({ file, source: read(file) })))).toBe('');
    const migrated = tsSources.map((file) => ({ file, source: transformSource(file, read(file), TRANSFORMS, exampleProject()).output }));
    expect(typecheck(migrated)).toBe('');
  });

  it("keeps 'use strict' directives as they were after the full migration", () => {
    // recast reprints a reused directive and then adds its own `;` (benjamn/recast#558)
    const doubled = sources.filter((file) => /^(['"])use strict\1;;/m.test(transformSource(file, read(file), TRANSFORMS, exampleProject()).output));
    expect(doubled).toEqual([]);
  });
});

// `lmi-migrate simulate` on all 14 handlers with the fakes bundled in examples/orders-service/simulate
// (fetch-based services; pg, MongoDB, mysql2, Redis, S3, DynamoDB, Secrets Manager clients, axios,
// express, middy; fixed delays), each in a copy of the project so it runs in its own task root
// (simulate's default --cwd: `./templates` and `./config` resolve there). The hazards show before the
// migration (a race, a handler refused at init, a client built per invocation, a /tmp file written in
// place by concurrent invocations). After `--yes` there is no race, except in the three handlers whose
// remaining race comes from a finding `check` leaves for a human: those are simulated again with the
// manual steps that examples/orders-service/README.md and MIGRATION.md list, and then show none.
describe.concurrent('examples/orders-service under simulate', { timeout: 180_000 }, () => {
  type Before = 'races' | 'rejected-at-init' | 'clients-per-invocation' | 'tmp-overwritten' | 'clean';
  type Files = Map<string, string>;
  /** A manual migration step: what a human changes after `--yes` (README "The manual steps"). */
  type ManualStep = (files: Files) => void;

  const MANUAL_DIR = 'examples/orders-service/simulate/manual';
  const DB = 'examples/orders-service/src/lib/db.js';
  const STATE = 'examples/orders-service/src/lib/state.js';
  const METRICS = 'examples/orders-service/src/lib/metrics.js';
  const NOTIFY = 'examples/orders-service/src/notifications/notify.mjs';

  /** the hand-migrated version of a helper module `--yes` leaves as it is */
  const handMigrated = (file: string): ManualStep => (files) => {
    expect(files.has(file), file).toBe(true);
    files.set(file, read(file.replace('examples/orders-service', MANUAL_DIR)));
  };
  /** exact edits of a migrated file; each `from` must occur once, so a changed transform output fails here */
  const edited = (file: string, edits: Array<[string, string]>): ManualStep => (files) => {
    let source = files.get(file)!;
    for (const [from, to] of edits) {
      expect(source.split(from).length - 1, `${file}: ${from}`).toBe(1);
      source = source.replace(from, to);
    }
    files.set(file, source);
  };
  const MANUAL = {
    // db-single-connection, manual: a Pool, pool.connect() per transaction, no SIGTERM listener
    db: handMigrated(DB),
    // module-state-per-request, manual: AsyncLocalStorage behind the same setter and getter
    state: handMigrated(STATE),
    // library-global-mutation, manual: the tenant header on each call, not in axios.defaults
    axiosDefaults: edited(NOTIFY, [
      ["    axios.defaults.headers.common['x-tenant-id'] = message.tenantId;\n", ''],
      ["{ headers: { authorization: `Bearer ${config.mailerToken}`, ", "{ headers: { authorization: `Bearer ${config.mailerToken}`, 'x-tenant-id': message.tenantId, "],
      ['status: message.status });', "status: message.status }, { headers: { 'x-tenant-id': message.tenantId } });"],
    ]),
  };

  interface Simulated {
    file: string;
    events: string;
    before: Before;
    /** helper modules it imports, and files it reads relative to the task root */
    imports?: string[];
    assets?: string[];
    sharedCache?: string;
    /** a race `--yes` leaves because its fix is manual: the error the concurrent invocations get, and the steps that fix it */
    manual?: { error: string; steps: ManualStep[] };
    /** what else the report shows, before the migration and after `--yes` */
    alsoShows?: { what: string; check: (report: SimulationReport) => void };
  }

  // fake time: a BLPOP timeout of 2 s waits 50 ms (plus 5 ms per command); one connection answers in order
  const BLPOP_MS = 2 * 25;
  const blpopsQueue = {
    what: 'the 4 BLPOPs wait for each other on the shared connection',
    check(report: SimulationReport) {
      expect(report.invocations.map((i) => i.result)).toEqual(report.invocations.map(() => ({ ok: true, response: { processed: 0 } })));
      // alone an invocation takes one BLPOP timeout; the last of 4 concurrent ones waits for all four
      expect(Math.max(...report.invocations.map((i) => i.durationMs))).toBeGreaterThanOrEqual(4 * BLPOP_MS);
    },
  };

  const SIMULATED: Simulated[] = [
    { file: 'examples/orders-service/src/reports/export-report.ts', events: 'export-report.json', before: 'races' },
    { file: 'examples/orders-service/src/payments/charge.js', events: 'charge.json', before: 'rejected-at-init' },
    { file: 'examples/orders-service/src/inventory/sync.ts', events: 'sync.json', before: 'races' },
    { file: 'examples/orders-service/src/orders/cancel-order.js', events: 'cancel-order.json', before: 'clients-per-invocation' },
    { file: 'examples/orders-service/src/reviews/get-reviews.js', events: 'get-reviews.json', before: 'clients-per-invocation' },
    // the snapshot is a cache meant to outlive the invocation; the migration replaces it by rename
    { file: 'examples/orders-service/src/inventory/lookup-sku.ts', events: 'lookup-sku.json', before: 'tmp-overwritten', sharedCache: '/tmp/catalog-snapshot.json' },
    { file: 'examples/orders-service/src/orders/get-order.mjs', events: 'get-order.json', before: 'races' },
    { file: 'examples/orders-service/src/customers/get-customer.mjs', events: 'get-customer.json', before: 'clients-per-invocation' },
    { file: 'examples/orders-service/src/orders/list-orders.js', events: 'list-orders.json', before: 'clean' },
    { file: 'examples/orders-service/src/reports/archive-orders.mjs', events: 'archive-orders.json', before: 'clean' },
    // readFileSync of a template blocks the worker (blocking-sync-io): slower, never a wrong page
    { file: 'examples/orders-service/src/notifications/preview-email.mjs', events: 'preview-email.json', before: 'clean', assets: ['templates'] },
    // a sync handler serializes its worker (sync-handler) and app.listen() at init runs once per worker
    // (per-worker-init-side-effect, manual): neither gives a wrong response with the fake express, whose
    // listen() opens no socket, and one worker cannot collide with another on the port
    { file: 'examples/orders-service/src/health/health.js', events: 'health.json', before: 'clean' },
    // src/lib/db.js shares one pg Client connected lazily behind a flag; the fake Client refuses a second
    // connect() as node-postgres does. `check` leaves db.js for a human: query() runs SQL its callers pass in
    // and transaction() hands the connection to their callbacks, so a pool cannot be proved to keep them right.
    {
      file: 'examples/orders-service/src/payments/webhook.js',
      events: 'webhook.json',
      before: 'races',
      imports: [DB],
      manual: { error: 'Client has already been connected. You cannot reuse a client.', steps: [MANUAL.db] },
    },
    // before: the shared Client is connected twice and `ordersServed` is read back after an await. The
    // per-request user in lib/state.js would be written to the wrong order row, which no response shows
    // (check reports it, module-state-per-request, manual); the manual steps fix it as well.
    {
      file: 'examples/orders-service/src/orders/create-order.js',
      events: 'create-order.json',
      before: 'races',
      imports: [DB, STATE, METRICS],
      assets: ['config'],
      manual: { error: 'Client has already been connected. You cannot reuse a client.', steps: [MANUAL.db, MANUAL.state] },
    },
    // axios.defaults carries one request's tenant into another's CRM call, which the (multi-tenant) fake CRM refuses
    {
      file: NOTIFY,
      events: 'notify.json',
      before: 'races',
      assets: ['templates'],
      manual: { error: 'Request failed with status code 403', steps: [MANUAL.axiosDefaults] },
    },
    // BLPOP on the shared Redis connection (redis-shared-stateful, reported, not rewritten) holds up every
    // command behind it: the fake queue is empty, so each invocation waits out its BLPOP timeout after the
    // others'. That is latency, not a wrong result, so simulate reports no race before or after; the test checks
    // the wait instead (blpopsQueue), on both runs. (With an empty queue the db.js path is not reached.)
    { file: 'examples/orders-service/src/jobs/fulfilment-worker.js', events: 'fulfilment-worker.json', before: 'clean', imports: [DB], alsoShows: blpopsQueue },
  ];

  it('simulates every handler of the example', () => {
    const handlers = sources.filter((f) => f.includes('/src/') && analyseSource(f, read(f), [], exampleProject()).hasHandler);
    expect(SIMULATED.map((s) => s.file).sort()).toEqual(handlers);
  });

  // Removed only when every run is over: simulate changes the process's directory to the task root of the
  // last run started until the last one ends, and with that directory deleted, new worker threads fail (uv_cwd).
  const projects: string[] = [];
  afterAll(() => {
    for (const dir of projects) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the example holding only `file`, the modules it imports and the files it reads (as is, or migrated and then changed by hand), so simulate loads that version. */
  function projectWith(entry: Simulated, migrated: boolean, steps: ManualStep[] = []): string {
    const cacheDir = join(REPO, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    const dir = mkdtempSync(join(cacheDir, 'examples-simulate-'));
    projects.push(dir);
    writeFileSync(join(dir, 'package.json'), read(packagePath));
    const files: Files = new Map();
    for (const source of [entry.file, ...(entry.imports ?? [])]) {
      files.set(source, migrated ? transformSource(source, read(source), TRANSFORMS, exampleProject()).output : read(source));
    }
    for (const step of steps) step(files);
    for (const [source, text] of files) {
      const target = join(dir, relative('examples/orders-service', source));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    for (const asset of entry.assets ?? []) cpSync(join(EXAMPLE, asset), join(dir, asset), { recursive: true });
    return join(dir, relative('examples/orders-service', entry.file));
  }

  async function simulate(handlerFile: string, events: string): Promise<SimulationReport> {
    const run = captureIO(REPO);
    const simulateDir = join(EXAMPLE, 'simulate');
    const options = { format: 'json', workers: '1', concurrency: '4', setup: join(simulateDir, 'fake-services.mjs'), events: join(simulateDir, 'events', events) };
    const code = await runSimulate([handlerFile], options, run.io);
    if (code === 2) throw new Error(`simulate failed: ${run.stderr()}`);
    return JSON.parse(run.stdout()) as SimulationReport;
  }

  /** What `before` says the unmigrated handler shows, read from the report. */
  function shownBefore(report: SimulationReport): Before {
    if (report.outcome !== 'clean') return report.outcome;
    if (report.clients.some((c) => c.inInvocations > 0)) return 'clients-per-invocation';
    if (report.tmp.overwritten.length > 0) return 'tmp-overwritten';
    return 'clean';
  }

  function expectNoHazard(report: SimulationReport, sharedCache: string | undefined): void {
    expect(report.races.map((r) => ({ event: r.event, concurrent: r.concurrent }))).toEqual([]);
    expect(report.outcome).toBe('clean');
    expect(report.invocations.filter((i) => !i.result.ok).map((i) => i.result)).toEqual([]);
    expect(report.clients.filter((c) => c.inInvocations > 0)).toEqual([]);
    expect(report.tmp.overwritten.filter((o) => o.path !== sharedCache)).toEqual([]);
    expect(report.tmp.leftBehind).toEqual(sharedCache ? [sharedCache] : []);
  }

  for (const entry of SIMULATED) {
    const { file, events, before, sharedCache, manual, alsoShows } = entry;
    const name = relative('examples/orders-service', file);
    const also = alsoShows ? `; ${alsoShows.what}` : '';
    it(`${name}: before the migration simulate shows ${before}${also}`, async () => {
      const report = await simulate(projectWith(entry, false), events);
      expect(shownBefore(report)).toBe(before);
      alsoShows?.check(report);
    });

    if (!manual) {
      it(`${name}: no race, no client per invocation, no clobbered or leftover /tmp file after --yes${also}`, async () => {
        const report = await simulate(projectWith(entry, true), events);
        expectNoHazard(report, sharedCache);
        alsoShows?.check(report);
      });
      continue;
    }

    it(`${name}: after --yes alone the race a human must fix is still there (${manual.error})`, async () => {
      const report = await simulate(projectWith(entry, true), events);
      expect(report.outcome).toBe('races');
      const concurrent = report.races.map((r) => r.concurrent);
      expect(concurrent).toEqual(concurrent.map(() => ({ ok: false, error: expect.objectContaining({ errorMessage: manual.error }) })));
      // one at a time, as on standard Lambda, the same events succeed
      expect(report.races.filter((r) => !r.sequential.startOrder.ok || !r.sequential.completionOrder.ok)).toEqual([]);
    });

    it(`${name}: no race after --yes and the manual steps`, async () => {
      expectNoHazard(await simulate(projectWith(entry, true, manual.steps), events), sharedCache);
    });
  }
});
