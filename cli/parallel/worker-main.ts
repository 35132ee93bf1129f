// A scan worker: for each run it is sent the run's context, says it is ready, then analyses or
// transforms the batches it is sent. Every reply carries the run id (the pool keeps workers
// across runs and ignores late replies to a finished one).
import { parentPort } from 'node:worker_threads';
import { analyseTask, resolveContext, transformTask, type FileTask, type Resolved, type TaskContext } from './tasks';

export type WorkerRequest =
  | { kind: 'context'; context: TaskContext; run: number }
  | { kind: 'analyse' | 'transform'; id: number; tasks: FileTask[]; run: number };

export type WorkerReply<R> = { ready: true } | { id: number; results: R[] } | { id: number; error: string };

let resolved: Resolved | undefined;

parentPort!.on('message', (msg: WorkerRequest) => {
  const run = msg.run;
  if (msg.kind === 'context') {
    resolved = resolveContext(msg.context);
    parentPort!.postMessage({ ready: true, run });
    return;
  }
  try {
    if (msg.kind !== 'analyse' && msg.kind !== 'transform') throw new Error(`unknown request '${String(msg.kind)}'`);
    const work = msg.kind === 'analyse' ? analyseTask : transformTask;
    parentPort!.postMessage({ id: msg.id, results: msg.tasks.map((t) => work(t, resolved!)), run });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e), run });
  }
});
