// Messages between the simulator (main thread) and one simulated LMI worker thread.
// Everything here is structured-clone data: no functions, no class instances.

/** What a worker needs to initialise: passed as workerData. */
export interface WorkerConfig {
  workerIndex: number;
  handlerFile: string;
  exportName: string;
  setupFile?: string;
  /** the handler's working directory: what process.cwd() returns and relative paths resolve against */
  cwd: string;
  /** the directory that plays the function's /tmp (shared by all workers of one run) */
  sandbox: string;
  /** paths under the real /tmp that must keep their meaning (the handler's own project, tsx's cache) */
  keepPaths: string[];
  functionName: string;
  timeoutMs: number;
  env: Record<string, string>;
}

/** The outcome of one invocation as standard Lambda would serialise it. */
export type InvocationResult =
  | { ok: true; response: unknown }
  | { ok: false; error: { errorType: string; errorMessage: string } };

export interface InvocationRequest {
  /** index of the invocation in the run (stable across the concurrent run and the replays) */
  id: number;
  event: unknown;
  /** the request's ids in its `context`: a replay is the same request, so it keeps them */
  ids: InvocationIds;
}

export interface InvocationIds {
  awsRequestId: string;
  xRayTraceId: string;
}

export interface InvocationRecord {
  id: number;
  result: InvocationResult;
  /** 0-based position among this worker's starts / completions */
  startIndex: number;
  endIndex: number;
  /** absolute milliseconds (performance.timeOrigin + now), comparable across threads */
  startedAt: number;
  endedAt: number;
}

export interface ClientConstruction {
  library: string;
  name: string;
  /** invocation id, or null when constructed outside any invocation (init) */
  invocation: number | null;
}

/** A watched call (record-calls.ts): well-known expensive work and/or a synchronous call in an invocation. */
export interface CallRecord {
  /** the function, e.g. `fs.readFileSync`, `S3Client.send`, `require` */
  fn: string;
  /** the call with its arguments, shown; present when the call is identifiable work */
  work?: string;
  /** identifies the work: same key, same call with the same arguments */
  key?: string;
  /**
   * repeating it with the same arguments is repeated work: `same-result` when the same arguments
   * give the same result (a file of the read-only package, require, a compile, crypto/zlib, connect),
   * `remote-read` for a read from a service (a GET; a Get, List or Describe request) whose data may change
   */
  repeat?: 'same-result' | 'remote-read';
  invocation: number | null;
  /** a synchronous call during an invocation: how long it blocked the worker */
  blockedMs?: number;
}

/** One statement sent on a single-connection client (pg Client, mysql/mysql2 connection). */
export interface ConnectionUse {
  /** e.g. `pg Client` */
  client: string;
  /** which connection (numbered per worker) */
  connection: number;
  invocation: number | null;
  start: number;
  end: number;
  /** the statement opens or closes a transaction */
  tx?: 'begin' | 'end';
}

export interface TmpWrite {
  /** path relative to the sandbox, with '/' separators */
  path: string;
  invocation: number | null;
  at: number;
  /** a rename: the SHA-1 of the bytes it put there (two renames of the same bytes replace nothing visible) */
  renamed?: string;
}

/** An exception no code caught, which ends the worker: the invocation whose code threw it (its async context), or null. */
export interface UncaughtError {
  invocation: number | null;
  errorType: string;
  errorMessage: string;
}

export type InitFailureKind = 'rejected' | 'export' | 'load' | 'setup';

export type WorkerToMain =
  | { type: 'ready'; initMs: number }
  | { type: 'init-failed'; kind: InitFailureKind; errorType: string; errorMessage: string; stack?: string }
  | { type: 'started'; id: number }
  | { type: 'result'; record: InvocationRecord }
  | ({ type: 'uncaught' } & UncaughtError)
  | { type: 'done'; clients: ClientConstruction[]; calls: CallRecord[]; connections: ConnectionUse[]; writes: TmpWrite[]; tempDirs: string[] };

export type MainToWorker = { type: 'run'; invocations: InvocationRequest[]; concurrency: number };
