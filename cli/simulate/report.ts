// The simulation report: the stable JSON shape of `simulate --format json` (version 1; fields may
// be added, never renamed). Results are shown as the function sees them (sandbox paths read /tmp).
import type { InvocationResult } from './protocol';
import type { ClientSummary, Overwrite } from './analyse-run';

export interface LikelyCause {
  rule: string;
  line: number;
  message: string;
}

export interface InvocationReport {
  id: number;
  worker: number;
  event: unknown;
  /** position among this worker's starts / completions in the concurrent run (-1: never started / finished) */
  startIndex: number;
  endIndex: number;
  durationMs: number;
  result: InvocationResult;
  /** well-known clients this invocation constructed, as `library name` */
  clientsBuilt: string[];
}

export interface RaceReport {
  id: number;
  worker: number;
  event: unknown;
  concurrent: InvocationResult;
  sequential: { startOrder: InvocationResult; completionOrder: InvocationResult };
  /** rule ids `lmi-migrate check` reports for the handler file */
  likelyCauses: string[];
}

export interface SimulationReport {
  version: 1;
  handler: { file: string; export: string };
  settings: { workers: number; concurrency: number; invocations: number; ignoreFields: string[]; timeoutMs: number };
  outcome: 'clean' | 'races' | 'rejected-at-init';
  rejectedAtInit?: { errorType: string; errorMessage: string };
  workers: Array<{ index: number; initCount: number; initMs: number; invocations: number[] }>;
  invocations: InvocationReport[];
  races: RaceReport[];
  failedOnlyUnderConcurrency: number[];
  clients: ClientSummary[];
  tmp: { leftBehind: string[]; overwritten: Overwrite[] };
  likelyCauses: LikelyCause[];
  summary: {
    invocations: number;
    races: number;
    failedOnlyUnderConcurrency: number;
    overwrittenFiles: number;
    leftBehindFiles: number;
    /** client constructions that happened inside invocations (0 when every client is built at init) */
    clientsBuiltInInvocations: number;
  };
}

export function exitCodeOf(report: SimulationReport): 0 | 1 {
  return report.outcome === 'clean' ? 0 : 1;
}
