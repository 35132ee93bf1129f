// The simulation report: the stable JSON shape of `simulate --format json` (version 1; fields may
// be added, never renamed). Results are shown as the function sees them (sandbox paths read /tmp).
import type { InvocationResult } from './protocol';
import type { BlockingCall, RepeatedWork, SharedConnection } from './analyse-calls';
import type { ClientSummary, InitOverwrite, Overwrite, UncaughtException } from './analyse-run';

export interface LikelyCause {
  /** relative to the task root: the handler file, or a local module it imports */
  file: string;
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
  /** exceptions no code caught: each ended its worker (on LMI, with every invocation in flight on it) */
  uncaughtExceptions: UncaughtException[];
  clients: ClientSummary[];
  /** warnings (no effect on the exit code): the same work repeated by requests, or multiplied by concurrency */
  repeatedWork: RepeatedWork[];
  /** warnings (no effect on the exit code): synchronous calls during invocations, which stall the worker */
  blockingCalls: BlockingCall[];
  /** warnings (no effect on the exit code): one database connection used by several invocations at once */
  sharedConnections: SharedConnection[];
  tmp: {
    leftBehind: string[];
    /** written by one invocation, written again by another while the first was still running */
    overwritten: Overwrite[];
    /** written at init by one worker, written again at init by another (not renames of the same bytes) */
    overwrittenAtInit: InitOverwrite[];
  };
  likelyCauses: LikelyCause[];
  summary: {
    invocations: number;
    races: number;
    failedOnlyUnderConcurrency: number;
    /** entries of uncaughtExceptions (workers that died of one) */
    uncaughtExceptions: number;
    /** distinct paths in tmp.overwritten and tmp.overwrittenAtInit */
    overwrittenFiles: number;
    leftBehindFiles: number;
    /** client constructions that happened inside invocations (0 when every client is built at init) */
    clientsBuiltInInvocations: number;
    /** entries of repeatedWork */
    repeatedWork: number;
    /** synchronous calls made during invocations (see blockingCalls) */
    blockingCallsInInvocations: number;
    /** entries of sharedConnections */
    sharedConnections: number;
  };
}

/** Races (and a handler rejected at init) decide the exit code; repeated work, blocking calls and shared connections are warnings. */
export function exitCodeOf(report: SimulationReport): 0 | 1 {
  return report.outcome === 'clean' ? 0 : 1;
}
