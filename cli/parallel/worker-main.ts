// A scan worker: rebuilds the context once, says it is ready, then analyses or transforms the
// batches it is sent.
import { parentPort } from 'node:worker_threads';
import { analyseTask, resolveContext, transformTask, type FileTask, type Resolved, type TaskContext } from './tasks';

export type WorkerRequest =
  | { kind: 'context'; context: TaskContext }
  | { kind: 'analyse' | 'transform'; id: number; tasks: FileTask[] };

export type WorkerReply<R> = { ready: true } | { id: number; results: R[] } | { id: number; error: string };

let resolved: Resolved | undefined;

parentPort!.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'context') {
    resolved = resolveContext(msg.context);
    parentPort!.postMessage({ ready: true });
    return;
  }
  try {
    if (msg.kind !== 'analyse' && msg.kind !== 'transform') throw new Error(`unknown request '${String(msg.kind)}'`);
    const run = msg.kind === 'analyse' ? analyseTask : transformTask;
    parentPort!.postMessage({ id: msg.id, results: msg.tasks.map((t) => run(t, resolved!)) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e) });
  }
});
