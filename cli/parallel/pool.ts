// Spreads per-file tasks over worker threads. Batches are handed out as workers free up, and
// results are put back in task order, so the output is identical to an in-process run.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileTask, TaskContext } from './tasks';

const BATCH = 40;

export async function runInWorkers<R>(
  kind: 'analyse' | 'transform',
  tasks: FileTask[],
  context: TaskContext,
  jobs: number,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const batches: Array<{ start: number; tasks: FileTask[] }> = [];
  for (let i = 0; i < tasks.length; i += BATCH) batches.push({ start: i, tasks: tasks.slice(i, i + BATCH) });
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => new Worker(join(__dirname, 'worker.cjs')));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.postMessage({ kind: 'context', context });
            const send = () => {
              if (next >= batches.length) return resolve();
              const id = next++;
              worker.postMessage({ kind, id, tasks: batches[id].tasks });
            };
            worker.on('message', (msg: { id: number; results?: R[]; error?: string }) => {
              if (msg.error) return reject(new Error(`worker failed: ${msg.error}`));
              const batch = batches[msg.id];
              msg.results!.forEach((r, k) => (results[batch.start + k] = r));
              done += batch.tasks.length;
              onProgress?.(done, tasks.length, batch.tasks[batch.tasks.length - 1].file);
              send();
            });
            // a crash in a worker must surface, never be hidden
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`worker exited with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
