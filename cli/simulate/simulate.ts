// The oracle. Run the invocations as LMI would (W workers, C concurrent each, one shared /tmp),
// then replay each worker's invocations one at a time on a fresh module instance, in the
// concurrent run's start order and in its completion order (standard Lambda, warm). An
// invocation whose concurrent result matches neither replay is a race.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, extname, join, relative } from 'node:path';
import { findBlockingCalls, findRepeatedWork, findSharedConnections } from './analyse-calls';
import { describeUncaught, findInitOverwrites, findOverwrites, sameResult, summariseClients, type ReplayResults } from './analyse-run';
import { newInvocationIds } from './invocation-ids';
import { maskText, parseFieldPath, unsandbox, type RunPaths } from './mask';
import type { CallRecord, ClientConstruction, InvocationRecord, InvocationRequest, InvocationResult, UncaughtError, WorkerConfig } from './protocol';
import type { InvocationReport, LikelyCause, RaceReport, SimulationReport } from './report';
import { runPhase, type PhaseWorker } from './run-phase';
import { inWorkingDirectory } from './working-directory';
import { TOOL_ROOT } from '../tool-root';

export interface SimulateOptions {
  handlerFile: string;
  exportName: string;
  setupFile?: string;
  /** directories whose files keep their real path even under /tmp (the handler's project) */
  projectRoot: string;
  /** for messages: paths are shown relative to it */
  cwd: string;
  /** the handler's working directory (Lambda's task root): process.cwd() and relative paths in the workers */
  workingDirectory: string;
  workers: number;
  concurrency: number;
  events: unknown[];
  ignoreFields: string[];
  timeoutMs: number;
  likelyCauses: () => LikelyCause[] | Promise<LikelyCause[]>;
}

/** The handler could not be loaded: the harness cannot judge it (exit 2). */
export class HarnessError extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
  }
}

export function simulate(opts: SimulateOptions): Promise<SimulationReport> {
  // every path in opts is absolute already: changing directory cannot change what they name
  return inWorkingDirectory(opts.workingDirectory, () => simulateIn(opts));
}

async function simulateIn(opts: SimulateOptions): Promise<SimulationReport> {
  const invocations: InvocationRequest[] = opts.events.map((event, id) => ({ id, event, ids: newInvocationIds() }));
  const batches = Array.from({ length: opts.workers }, (_, w) => invocations.filter((i) => i.id % opts.workers === w));
  const settings = { workers: opts.workers, concurrency: opts.concurrency, invocations: invocations.length, ignoreFields: opts.ignoreFields, timeoutMs: opts.timeoutMs };

  const shared = newSandbox();
  let concurrent: PhaseWorker[];
  let leftBehind: string[];
  try {
    concurrent = await runPhase(batches.map((_, w) => workerConfig(opts, w, shared)), batches, opts.concurrency);
    leftBehind = listFiles(shared);
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
  const failed = concurrent.find((w) => !w.init.ok);
  if (failed && !failed.init.ok) {
    if (failed.init.kind !== 'rejected') throw harnessError(failed.init, opts);
    return rejected(opts, settings, failed.init);
  }

  const records = concurrent.map((w, index) => completeRecords(w, batches[index]));
  const replays = await Promise.all(records.map((list, w) => replayWorker(opts, w, list, batches[w])));

  const causes = await opts.likelyCauses();
  const causeIds = [...new Set(causes.map((c) => c.rule))].sort();
  const parsedIgnore = opts.ignoreFields.map(parseFieldPath);
  const reports: InvocationReport[] = [];
  const races: RaceReport[] = [];
  const failedOnlyUnderConcurrency: number[] = [];
  records.forEach((list, worker) => {
    const paths = runPaths(shared, concurrent[worker]);
    for (const r of list) {
      const result = unsandbox(r.result, paths) as InvocationResult;
      const neverStarted = r.startIndex < 0;
      const event = invocations[r.id].event;
      const clientsBuilt = (concurrent[worker].batch?.done?.clients ?? []).filter((c) => c.invocation === r.id).map((c) => `${c.library} ${c.name}`);
      reports.push({ id: r.id, worker, event, startIndex: r.startIndex, endIndex: r.endIndex, durationMs: round(r.endedAt - r.startedAt), result, clientsBuilt });
      if (neverStarted) continue;
      const inStartOrder = replays[worker].startOrder.get(r.id)!;
      const inCompletionOrder = replays[worker].completionOrder.get(r.id)!;
      if (sameResult(result, inStartOrder, parsedIgnore) || sameResult(result, inCompletionOrder, parsedIgnore)) continue;
      races.push({ id: r.id, worker, event, concurrent: result, sequential: { startOrder: inStartOrder, completionOrder: inCompletionOrder }, likelyCauses: causeIds });
      if (!result.ok && inStartOrder.ok && inCompletionOrder.ok) failedOnlyUnderConcurrency.push(r.id);
    }
  });
  reports.sort((a, b) => a.id - b.id);
  races.sort((a, b) => a.id - b.id);

  const clients = summariseClients(concurrent.map((w) => w.batch?.done?.clients ?? []));
  const calls = concurrent.map((w) => comparableCalls(w.batch?.done?.calls ?? [], runPaths(shared, w)));
  const repeatedWork = findRepeatedWork(
    concurrent.map((w, worker) => ({ calls: calls[worker], clients: w.batch?.done?.clients ?? [], oneAtATime: replays[worker].oneAtATime })),
    (id) => invocations[id].event,
  );
  const blockingCalls = findBlockingCalls(calls);
  const sharedConnections = findSharedConnections(concurrent.map((w) => w.batch?.done?.connections ?? []));
  const overwritten = findOverwrites(concurrent.flatMap((w) => w.batch?.done?.writes ?? []), records.flat());
  const overwrittenAtInit = findInitOverwrites(concurrent.map((w) => w.batch?.done?.writes ?? []));
  const uncaughtExceptions = concurrent.flatMap(({ batch }, worker) =>
    batch?.uncaught ? [describeUncaught(worker, unsandbox(batch.uncaught, runPaths(shared, concurrent[worker])) as UncaughtError, batch.records, batch.started)] : [],
  );
  return {
    version: 1,
    handler: { file: opts.handlerFile, export: opts.exportName },
    settings,
    outcome: races.length ? 'races' : 'clean',
    workers: concurrent.map((w, index) => ({ index, initCount: 1, initMs: w.init.ok ? round(w.init.initMs) : 0, invocations: batches[index].map((i) => i.id) })),
    invocations: reports,
    races,
    failedOnlyUnderConcurrency: failedOnlyUnderConcurrency.sort((a, b) => a - b),
    uncaughtExceptions,
    clients,
    repeatedWork,
    blockingCalls,
    sharedConnections,
    tmp: { leftBehind, overwritten, overwrittenAtInit },
    likelyCauses: causes,
    summary: {
      invocations: reports.length,
      races: races.length,
      failedOnlyUnderConcurrency: failedOnlyUnderConcurrency.length,
      uncaughtExceptions: uncaughtExceptions.length,
      overwrittenFiles: new Set([...overwritten, ...overwrittenAtInit].map((o) => o.path)).size,
      leftBehindFiles: leftBehind.length,
      clientsBuiltInInvocations: clients.reduce((n, c) => n + c.inInvocations, 0),
      repeatedWork: repeatedWork.length,
      blockingCallsInInvocations: blockingCalls.reduce((n, b) => n + b.calls, 0),
      sharedConnections: sharedConnections.length,
    },
  };
}

/** Replays one worker's invocations sequentially on fresh module instances (each with its own /tmp). */
async function replayWorker(opts: SimulateOptions, worker: number, records: InvocationRecord[], batch: InvocationRequest[]): Promise<Replay> {
  const ran = records.filter((r) => r.startIndex >= 0);
  const byStart = [...ran].sort((a, b) => a.startIndex - b.startIndex).map((r) => r.id);
  const byEnd = [...ran].sort((a, b) => a.endIndex - b.endIndex).map((r) => r.id);
  const events = new Map(batch.map((i) => [i.id, i]));
  const orders = byStart.join() === byEnd.join() ? [byStart] : [byStart, byEnd];
  const runs = await Promise.all(orders.map((order) => replayOnce(opts, worker, order.map((id) => events.get(id)!))));
  return { startOrder: runs[0].results, completionOrder: runs[runs.length - 1].results, oneAtATime: runs[0].observed };
}

/** The results of a one-at-a-time replay, and (start order) what its calls and constructions were. */
interface Replay extends ReplayResults {
  oneAtATime: { calls: CallRecord[]; clients: ClientConstruction[] };
}

async function replayOnce(opts: SimulateOptions, worker: number, sequence: InvocationRequest[]): Promise<{ results: Map<number, InvocationResult>; observed: Replay['oneAtATime'] }> {
  const results = new Map<number, InvocationResult>();
  const observed: Replay['oneAtATime'] = { calls: [], clients: [] };
  let rest = sequence;
  while (rest.length) {
    const sandbox = newSandbox();
    try {
      const [phase] = await runPhase([workerConfig(opts, worker, sandbox)], [rest], 1);
      if (!phase.init.ok) throw harnessError(phase.init, opts);
      const paths = runPaths(sandbox, phase);
      const records = completeRecords(phase, rest);
      for (const r of records) if (r.startIndex >= 0) results.set(r.id, unsandbox(r.result, paths) as InvocationResult);
      observed.calls.push(...comparableCalls(phase.batch?.done?.calls ?? [], paths));
      observed.clients.push(...(phase.batch?.done?.clients ?? []));
      // after a crash, standard Lambda starts a new environment for the next request
      rest = rest.filter((i) => !results.has(i.id));
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  }
  return { results, observed };
}

/**
 * Every invocation of the batch gets a record. When the worker died, those in flight get the
 * crash as their error (the one whose code threw the uncaught exception that ended it gets that
 * exception); those that never started keep startIndex -1 (not compared).
 */
function completeRecords(phase: PhaseWorker, batch: InvocationRequest[]): InvocationRecord[] {
  const got = new Map((phase.batch?.records ?? []).map((r) => [r.id, r]));
  const started = phase.batch?.started ?? new Set<number>();
  const uncaught = phase.batch?.uncaught;
  const crash = `killed in flight: ${uncaught ? `worker crashed: ${uncaught.errorType}: ${uncaught.errorMessage}` : (phase.batch?.crash ?? 'the worker stopped')}`;
  let nextEnd = got.size;
  return batch.map(({ id }) => {
    const r = got.get(id);
    if (r) return r;
    const error =
      !started.has(id) ? { errorType: 'Simulate.NotRun', errorMessage: 'not run: its worker had died' } :
      uncaught?.invocation === id ? { errorType: uncaught.errorType, errorMessage: uncaught.errorMessage } :
      { errorType: 'Runtime.ExitError', errorMessage: crash };
    return { id, result: { ok: false, error }, startIndex: started.has(id) ? got.size : -1, endIndex: nextEnd++, startedAt: 0, endedAt: 0 };
  });
}

/** Calls as the function sees them (/tmp, not the sandbox), with run-specific values masked so runs compare. */
function comparableCalls(calls: CallRecord[], paths: RunPaths): CallRecord[] {
  return calls.map((c) => (c.key ? { ...c, key: maskText(c.key, paths), work: maskText(c.work!, paths) } : c));
}

function runPaths(sandbox: string, phase: PhaseWorker): RunPaths {
  return { sandbox, tempDirs: phase.batch?.done?.tempDirs ?? [] };
}

function workerConfig(opts: SimulateOptions, workerIndex: number, sandbox: string): WorkerConfig {
  const functionName = basename(opts.handlerFile, extname(opts.handlerFile)).replace(/[^A-Za-z0-9-_]/g, '-') || 'function';
  return {
    workerIndex,
    handlerFile: opts.handlerFile,
    exportName: opts.exportName,
    setupFile: opts.setupFile,
    cwd: opts.workingDirectory,
    sandbox,
    // real paths the harness itself needs, even when they live under /tmp (a CI checkout, a temp project)
    keepPaths: [
      opts.projectRoot,
      // a working directory under /tmp keeps its files, but never the whole of /tmp (that would switch the redirect off)
      ...(opts.workingDirectory !== '/tmp' ? [opts.workingDirectory] : []),
      TOOL_ROOT, // this tool's own checkout or install: its modules load in every worker
      ...(opts.setupFile ? [dirname(opts.setupFile)] : []),
      join(tmpdir(), `tsx-${userInfo().uid}`),
      join(tmpdir(), 'tsx'),
    ],
    functionName,
    timeoutMs: opts.timeoutMs,
    env: {
      AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME ?? functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048',
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_LAMBDA_NODEJS_WORKER_COUNT: String(opts.workers),
      LMI_SIMULATE_WORKER: String(workerIndex),
    },
  };
}

function newSandbox(): string {
  return mkdtempSync(join(tmpdir(), 'lmi-simulate-'));
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = listFiles(join(dir, e.name), rel);
      out.push(...(inner.length ? inner : [`${rel}/`]));
    } else out.push(rel);
  }
  return out.map((p) => (prefix ? p : `/tmp/${p}`)).sort();
}

function harnessError(init: Extract<PhaseWorker['init'], { ok: false }>, opts: SimulateOptions): HarnessError {
  const file = relative(opts.cwd, opts.handlerFile) || opts.handlerFile;
  const what =
    init.kind === 'export' ? `export not found in ${file}` :
    init.kind === 'setup' ? `setup module ${opts.setupFile && relative(opts.cwd, opts.setupFile)} failed to load` :
    init.kind === 'crash' ? `the worker running ${file} died during init` :
    `${file} failed to load`;
  return new HarnessError(`${what}: ${init.errorType}: ${init.errorMessage}`, init.stack);
}

async function rejected(opts: SimulateOptions, settings: SimulationReport['settings'], init: { errorType: string; errorMessage: string }): Promise<SimulationReport> {
  return {
    version: 1,
    handler: { file: opts.handlerFile, export: opts.exportName },
    settings,
    outcome: 'rejected-at-init',
    rejectedAtInit: { errorType: init.errorType, errorMessage: init.errorMessage },
    workers: [],
    invocations: [],
    races: [],
    failedOnlyUnderConcurrency: [],
    uncaughtExceptions: [],
    clients: [],
    repeatedWork: [],
    blockingCalls: [],
    sharedConnections: [],
    tmp: { leftBehind: [], overwritten: [], overwrittenAtInit: [] },
    likelyCauses: await opts.likelyCauses(),
    summary: { invocations: 0, races: 0, failedOnlyUnderConcurrency: 0, uncaughtExceptions: 0, overwrittenFiles: 0, leftBehindFiles: 0, clientsBuiltInInvocations: 0, repeatedWork: 0, blockingCallsInInvocations: 0, sharedConnections: 0 },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
