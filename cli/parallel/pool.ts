// Spreads per-file tasks over the main thread and `jobs - 1` worker threads. The main thread
// starts on the first batch at once, workers take batches as soon as they have loaded, and results
// are put back in task order, so the output is identical to an in-process run.
//
// Workers are kept for the next run of the same process (the scan's second pass, the transform
// phase): starting one costs about as much as analysing a few hundred files. Between runs they are
// unref'd, so they never keep the process alive; a worker still loading when a run ends simply
// joins the next one.
import type { Worker } from 'node:worker_threads';
import type { FileTask, TaskContext } from './tasks';
import type { WorkerReply } from './worker-main';
import { startWorker } from './spawn';

const BATCH = 40;
/**
 * Batches a worker holds at once. The main thread reads replies only between its own batches, so
 * a worker with one batch sat idle from its reply until the main thread's batch ended (measured:
 * half its time); with a second one queued it always has work.
 */
const IN_FLIGHT = 2;

interface Run {
  id: number;
  context: TaskContext;
  onMessage(slot: Slot, msg: WorkerReply<unknown>): void;
  fail(e: Error): void;
}

interface Slot {
  worker: Worker | null;
}

const slots: Slot[] = [];
let current: Run | null = null;
let runs = 0;

/**
 * Grows the kept workers to `count`; a worker being started is a slot without a worker yet. The
 * scan calls it as soon as it knows workers will be used, so they load while it reads.
 */
export function ensureWorkers(count: number): void {
  while (slots.length < count) {
    const slot: Slot = { worker: null };
    slots.push(slot);
    startWorker(() => true).then(
      (worker) => {
        slot.worker = worker!;
        worker!.on('message', (msg: WorkerReply<unknown> & { run: number }) => {
          if (current && msg.run === current.id) current.onMessage(slot, msg);
        });
        const dead = (e: Error) => {
          slots.splice(slots.indexOf(slot), 1);
          // a crash in a worker must surface, never be hidden
          current?.fail(e);
        };
        worker!.on('error', dead);
        worker!.on('exit', (code) => dead(new Error(`worker exited with code ${code}`)));
        if (current) join(slot, current);
        else worker!.unref();
      },
      (e: Error) => {
        slots.splice(slots.indexOf(slot), 1);
        current?.fail(e);
      },
    );
  }
}

function join(slot: Slot, run: Run): void {
  slot.worker!.ref();
  slot.worker!.postMessage({ kind: 'context', context: run.context, run: run.id });
}

export async function runInWorkers<R>(
  kind: 'analyse' | 'transform',
  tasks: FileTask[],
  context: TaskContext,
  jobs: number,
  /** the same work in this thread, for the batches the main thread takes */
  runHere: (task: FileTask) => R,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<R[]> {
  if (current) throw new Error('runInWorkers: one run at a time');
  const results = new Array<R>(tasks.length);
  const batches: Array<{ start: number; tasks: FileTask[] }> = [];
  for (let i = 0; i < tasks.length; i += BATCH) batches.push({ start: i, tasks: tasks.slice(i, i + BATCH) });
  let next = 0;
  let finished = 0;
  let filesDone = 0;
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const allDone = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let failed = false;

  const finish = (id: number, batchResults: R[]) => {
    const batch = batches[id];
    batchResults.forEach((r, k) => (results[batch.start + k] = r));
    finished++;
    filesDone += batch.tasks.length;
    onProgress?.(filesDone, tasks.length, batch.tasks[batch.tasks.length - 1].file);
    if (finished === batches.length) settle.resolve();
  };
  const send = (slot: Slot) => {
    if (next >= batches.length || failed) return;
    const id = next++;
    slot.worker!.postMessage({ kind, id, tasks: batches[id].tasks, run: run.id });
  };
  const run: Run = {
    id: ++runs,
    context,
    onMessage(slot, msg) {
      if ('ready' in msg) {
        for (let k = 0; k < IN_FLIGHT; k++) send(slot);
        return;
      }
      if ('error' in msg) return run.fail(new Error(`worker failed: ${msg.error}`));
      finish(msg.id, msg.results as R[]);
      send(slot);
    },
    fail(e) {
      failed = true;
      settle.reject(e);
    },
  };
  allDone.catch(() => undefined); // observed below; never an unhandled rejection

  const here = async () => {
    while (next < batches.length && !failed) {
      const id = next++;
      finish(id, batches[id].tasks.map(runHere));
      // let the workers' messages in between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  current = run;
  try {
    if (batches.length === 0) settle.resolve();
    const helpers = Math.max(0, Math.min(jobs, batches.length) - 1);
    ensureWorkers(helpers);
    for (const slot of slots.slice(0, helpers)) if (slot.worker) join(slot, run);
    await Promise.race([here(), allDone]);
    await allDone;
  } finally {
    current = null;
    for (const slot of slots) slot.worker?.unref();
  }
  return results;
}

/** Workers kept (started or starting). */
export function keptWorkers(): number {
  return slots.length;
}

/** Stops the kept workers (tests; the CLI can simply exit, idle workers do not hold it). */
export async function stopWorkers(): Promise<void> {
  const workers = slots.splice(0).flatMap((s) => (s.worker ? [s.worker] : []));
  for (const w of workers) w.removeAllListeners('exit');
  await Promise.all(workers.map((w) => w.terminate()));
}
