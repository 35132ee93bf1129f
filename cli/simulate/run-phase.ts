// One phase of a simulation: start workers (each imports the handler: init), send each its
// invocations, collect what happened. Used for the concurrent LMI run and for each replay.
import type { BatchOutcome, InitOutcome } from './sim-worker';
import { SimWorker } from './sim-worker';
import type { InvocationRequest, WorkerConfig } from './protocol';

export interface PhaseWorker {
  init: InitOutcome;
  batch?: BatchOutcome;
}

/** Starts one worker per batch; if every init succeeds, runs each batch; always stops the threads. */
export async function runPhase(configs: WorkerConfig[], batches: InvocationRequest[][], concurrency: number): Promise<PhaseWorker[]> {
  const workers = configs.map((c) => new SimWorker(c));
  try {
    const inits = await Promise.all(workers.map((w) => w.ready));
    if (inits.some((i) => !i.ok)) return inits.map((init) => ({ init }));
    const outcomes = await Promise.all(workers.map((w, i) => w.run(batches[i], concurrency)));
    return inits.map((init, i) => ({ init, batch: outcomes[i] }));
  } finally {
    // not awaited: the threads wind down while the next phase starts (their results are in)
    for (const w of workers) void w.stop();
  }
}
