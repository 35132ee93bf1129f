// One simulated LMI worker thread, seen from the simulator: start it (init), send it a batch of
// invocations, collect the per-invocation records and the worker's observations.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InitFailureKind, InvocationRecord, InvocationRequest, UncaughtError, WorkerConfig, WorkerToMain } from './protocol';
import { TOOL_ROOT } from '../tool-root';

export type InitOutcome =
  | { ok: true; initMs: number }
  | { ok: false; kind: InitFailureKind | 'crash'; errorType: string; errorMessage: string; stack?: string };

export interface BatchOutcome {
  records: InvocationRecord[];
  /** invocations that started (a crash loses the records of those still in flight) */
  started: Set<number>;
  done?: Extract<WorkerToMain, { type: 'done' }>;
  /** set when the worker thread died (process.exit, an uncaught error) before finishing */
  crash?: string;
  /** the uncaught exception that ended the worker (its `done` was sent just before) */
  uncaught?: UncaughtError;
}

const BOOT = join(TOOL_ROOT, 'cli', 'simulate', 'worker', 'boot.mjs');

export class SimWorker {
  private readonly worker: Worker;
  private readonly records: InvocationRecord[] = [];
  private readonly started = new Set<number>();
  private listener?: (m: WorkerToMain) => void;
  private onExit?: (reason: string) => void;
  /** why the thread ended, once it has */
  private exited?: string;
  readonly ready: Promise<InitOutcome>;

  constructor(readonly config: WorkerConfig) {
    // the handler's console output belongs to the function's logs, not to our report
    // execArgv: [] so a parent started with --import tsx (vitest, tsx) does not start a hooks thread per worker
    this.worker = new Worker(BOOT, { workerData: config, stdout: true, stderr: true, execArgv: [] });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.ready = new Promise<InitOutcome>((resolve) => {
      this.listener = (m) => {
        if (m.type === 'ready') resolve({ ok: true, initMs: m.initMs });
        else if (m.type === 'init-failed') resolve({ ok: false, kind: m.kind, errorType: m.errorType, errorMessage: m.errorMessage, stack: m.stack });
      };
      this.onExit = (reason) => resolve({ ok: false, kind: 'crash', errorType: 'Runtime.ExitError', errorMessage: reason });
    });
    this.worker.on('message', (m: WorkerToMain) => this.listener?.(m));
    // 'error' can come before the messages the worker sent just before it died; 'exit' comes after them
    let crashed: string | undefined;
    this.worker.on('error', (e) => (crashed ??= `worker crashed: ${e?.stack ?? e}`));
    this.worker.on('exit', (code) => this.ended(crashed ?? `worker exited with code ${code}`));
  }

  private ended(reason: string): void {
    this.exited ??= reason;
    this.onExit?.(reason);
  }

  run(invocations: InvocationRequest[], concurrency: number): Promise<BatchOutcome> {
    return new Promise<BatchOutcome>((resolve) => {
      let uncaught: UncaughtError | undefined;
      this.listener = (m) => {
        if (m.type === 'started') this.started.add(m.id);
        else if (m.type === 'result') this.records.push(m.record);
        else if (m.type === 'uncaught') uncaught = { invocation: m.invocation, errorType: m.errorType, errorMessage: m.errorMessage };
        else if (m.type === 'done') resolve({ records: this.records, started: this.started, done: m, ...(uncaught ? { uncaught } : {}) });
      };
      this.onExit = (reason) => resolve({ records: this.records, started: this.started, crash: reason });
      // a thread that died after init (a timer that threw) gets no batch
      if (this.exited) return this.onExit(this.exited);
      this.worker.postMessage({ type: 'run', invocations, concurrency });
    });
  }

  async stop(): Promise<void> {
    this.onExit = undefined;
    await this.worker.terminate();
  }
}
