// Spreads per-file tasks over the main thread and `jobs - 1` worker threads. The main thread
// starts on the first batch at once, workers take batches as soon as they have loaded, and results
// are put back in task order, so the output is identical to an in-process run. Workers still
// loading when the last batch is done are stopped: on a short run they cost no wall time.
import type { Worker } from 'node:worker_threads';
import type { FileTask, TaskContext } from './tasks';
import type { WorkerReply } from './worker-main';
import { startWorker } from './spawn';

const BATCH = 40;

export async function runInWorkers<R>(
  kind: 'analyse' | 'transform',
  tasks: FileTask[],
  context: TaskContext,
  jobs: number,
  /** the same work in this thread, for the batches the main thread takes */
  runHere: (task: FileTask) => R,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const batches: Array<{ start: number; tasks: FileTask[] }> = [];
  for (let i = 0; i < tasks.length; i += BATCH) batches.push({ start: i, tasks: tasks.slice(i, i + BATCH) });
  let next = 0;
  let finished = 0;
  let filesDone = 0;
  let stopped = false;
  const workers: Worker[] = [];

  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const allDone = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (id: number, batchResults: R[]) => {
    const batch = batches[id];
    batchResults.forEach((r, k) => (results[batch.start + k] = r));
    finished++;
    filesDone += batch.tasks.length;
    onProgress?.(filesDone, tasks.length, batch.tasks[batch.tasks.length - 1].file);
    if (finished === batches.length) settle.resolve();
  };
  // a crash in a worker must surface, never be hidden
  const fail = (e: Error) => {
    if (!stopped) settle.reject(e);
  };

  // a worker asks for a batch when it has loaded and after each result
  const helper = async () => {
    const worker = await startWorker(() => !stopped);
    if (!worker) return;
    workers.push(worker);
    const send = () => {
      if (next >= batches.length) return;
      const id = next++;
      worker.postMessage({ kind, id, tasks: batches[id].tasks });
    };
    worker.on('message', (msg: WorkerReply<R>) => {
      if ('ready' in msg) return send();
      if ('error' in msg) return fail(new Error(`worker failed: ${msg.error}`));
      finish(msg.id, msg.results);
      send();
    });
    worker.on('error', fail);
    // workers stop only when told to; any earlier exit loses its batch
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    worker.postMessage({ kind: 'context', context });
  };

  const here = async () => {
    while (next < batches.length && !stopped) {
      const id = next++;
      finish(id, batches[id].tasks.map(runHere));
      // let the workers' messages in between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const helpers = Math.max(0, Math.min(jobs, batches.length) - 1);
  for (let i = 0; i < helpers; i++) helper().catch(fail);
  try {
    if (batches.length === 0) settle.resolve();
    await Promise.race([here(), allDone]);
    await allDone;
  } finally {
    stopped = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
