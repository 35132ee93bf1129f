// Warnings from the watched calls (worker/record-calls.ts); they do not change the exit code.
// - Repeated work: the same call with the same arguments made several times in one worker by
//   invocations whose events differ (so it does not depend on the request): it belongs at init,
//   or in a memoized promise. Or made more often in a worker under concurrency than when the same
//   events ran one at a time on a fresh instance: a lazy init (or check-then-fill cache) racing.
// - Blocking calls: synchronous calls during invocations, which stall the worker's other requests.
// - Shared connections: one database connection used by several invocations at once.
import { stableStringify } from './mask';
import type { CallRecord, ClientConstruction, ConnectionUse } from './protocol';

export interface RepeatedWork {
  /** the call with its arguments, e.g. `fs.readFileSync("/var/task/config.json")` */
  call: string;
  /**
   * same-result: the same arguments give the same result (a file of the read-only package, require,
   * a compile, crypto/zlib, connect); remote-read: a read from a service, whose data may change;
   * other: reported only because concurrency multiplied it
   */
  kind: 'same-result' | 'remote-read' | 'other';
  total: number;
  atInit: number;
  inInvocations: number;
  /** distinct events among the invocations that made the call */
  distinctEvents: number;
  perWorker: Array<{ worker: number; atInit: number; inInvocations: number; oneAtATime: number }>;
  maxPerWorker: number;
  /** some worker made it more often concurrently than one at a time with the same events: a racing lazy init */
  moreUnderConcurrency: boolean;
}

export interface BlockingCall {
  /** e.g. `fs.readFileSync`, `crypto.pbkdf2Sync`, `require` */
  fn: string;
  calls: number;
  invocations: number;
  totalMs: number;
  maxMs: number;
}

/** What one worker did in the concurrent run and in the one-at-a-time replay (start order) of its events. */
export interface WorkerCalls {
  calls: CallRecord[];
  clients: ClientConstruction[];
  oneAtATime: { calls: CallRecord[]; clients: ClientConstruction[] };
}

interface Seen {
  call: string;
  client: boolean;
  repeat?: CallRecord['repeat'];
  /** the arguments, as recorded */
  key: string;
  concurrent: Array<{ atInit: number; inInvocations: number }>;
  oneAtATime: number[];
  invocations: Set<number>;
}

export function findRepeatedWork(workers: WorkerCalls[], eventOf: (invocation: number) => unknown): RepeatedWork[] {
  const seen = new Map<string, Seen>();
  const entry = (key: string, call: string, client: boolean, repeat?: CallRecord['repeat']): Seen => {
    let s = seen.get(key);
    if (!s) {
      s = { call, client, repeat, key, concurrent: workers.map(() => ({ atInit: 0, inInvocations: 0 })), oneAtATime: workers.map(() => 0), invocations: new Set() };
      seen.set(key, s);
    }
    return s;
  };
  workers.forEach((w, worker) => {
    const count = (key: string, call: string, client: boolean, invocation: number | null, repeat?: CallRecord['repeat']) => {
      const s = entry(key, call, client, repeat);
      if (invocation === null) s.concurrent[worker].atInit++;
      else {
        s.concurrent[worker].inInvocations++;
        s.invocations.add(invocation);
      }
    };
    for (const c of w.calls) if (c.key) count(c.key, c.work!, false, c.invocation, c.repeat);
    for (const c of w.clients) count(clientKey(c), clientCall(c), true, c.invocation);
    for (const c of w.oneAtATime.calls) if (c.key) entry(c.key, c.work!, false).oneAtATime[worker]++;
    for (const c of w.oneAtATime.clients) entry(clientKey(c), clientCall(c), true).oneAtATime[worker]++;
  });

  // calls of one function (any arguments) per worker: a race that changes the arguments (a lost update
  // sent to a metrics endpoint) moves calls between keys without adding any
  const byFunction = workers.map(() => new Map<string, { concurrent: number; oneAtATime: number }>());
  for (const s of seen.values()) {
    s.concurrent.forEach((c, w) => {
      const f = byFunction[w].get(functionOf(s.key)) ?? { concurrent: 0, oneAtATime: 0 };
      f.concurrent += c.atInit + c.inInvocations;
      f.oneAtATime += s.oneAtATime[w];
      byFunction[w].set(functionOf(s.key), f);
    });
  }
  const out: RepeatedWork[] = [];
  for (const s of seen.values()) {
    const perWorker = s.concurrent.map((c, worker) => ({ worker, ...c, oneAtATime: s.oneAtATime[worker] }));
    const maxPerWorker = Math.max(...perWorker.map((w) => w.atInit + w.inInvocations));
    const moreUnderConcurrency = perWorker.some((w) => {
      const f = byFunction[w.worker].get(functionOf(s.key))!;
      return w.atInit + w.inInvocations > w.oneAtATime && f.concurrent > f.oneAtATime;
    });
    const inInvocations = perWorker.reduce((n, w) => n + w.inInvocations, 0);
    const distinctEvents = new Set([...s.invocations].map((i) => stableStringify(eventOf(i)))).size;
    // client constructions per request are the clients section's; here only when concurrency multiplies them.
    // A call whose arguments hold a value of an event that made it may depend on the request: not evidence.
    const repeated =
      s.repeat !== undefined && maxPerWorker > 1 && inInvocations > 0 && distinctEvents > 1 && ![...s.invocations].some((i) => mentionsEvent(s.key, eventOf(i)));
    if (!repeated && !moreUnderConcurrency) continue;
    const atInit = perWorker.reduce((n, w) => n + w.atInit, 0);
    out.push({ call: s.call, kind: s.repeat ?? 'other', total: atInit + inInvocations, atInit, inInvocations, distinctEvents, perWorker, maxPerWorker, moreUnderConcurrency });
  }
  return out.sort((a, b) => Number(b.moreUnderConcurrency) - Number(a.moreUnderConcurrency) || b.maxPerWorker - a.maxPerWorker || a.call.localeCompare(b.call));
}

/** The call without its arguments: `fs.readFileSync`, `S3Client.send` + the command. */
function functionOf(key: string): string {
  return key.split('\u0000').slice(0, 2).join('\u0000');
}

/** Whether the recorded arguments contain one of the event's values (strings of 3+ characters, numbers of 3+ digits). */
function mentionsEvent(key: string, event: unknown): boolean {
  return eventValues(event).some((v) => key.includes(v));
}

function eventValues(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 3) out.push(value);
    const t = value.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        eventValues(JSON.parse(t), out);
      } catch {
        // not JSON text
      }
    }
  } else if (typeof value === 'number' && Math.abs(value) >= 100) out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) eventValues(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) eventValues(v, out);
  return out;
}

const clientKey = (c: ClientConstruction) => `client\u0000${c.library}\u0000${c.name}`;
const clientCall = (c: ClientConstruction) => `${c.library} ${c.name} (client construction)`;

export function findBlockingCalls(workers: CallRecord[][]): BlockingCall[] {
  const byFn = new Map<string, { calls: number; invocations: Set<number>; totalMs: number; maxMs: number }>();
  for (const c of workers.flat()) {
    if (c.blockedMs === undefined || c.invocation === null) continue;
    const b = byFn.get(c.fn) ?? { calls: 0, invocations: new Set<number>(), totalMs: 0, maxMs: 0 };
    b.calls++;
    b.invocations.add(c.invocation);
    b.totalMs += c.blockedMs;
    b.maxMs = Math.max(b.maxMs, c.blockedMs);
    byFn.set(c.fn, b);
  }
  return [...byFn]
    .map(([fn, b]) => ({ fn, calls: b.calls, invocations: b.invocations.size, totalMs: round(b.totalMs), maxMs: round(b.maxMs) }))
    .sort((a, b) => b.calls - a.calls || a.fn.localeCompare(b.fn));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export interface SharedConnection {
  /** e.g. `pg Client` */
  client: string;
  worker: number;
  /** the connection's number in its worker */
  connection: number;
  /** distinct invocations that sent statements on it */
  invocations: number;
  /** most invocations with a statement in flight on it at the same moment */
  maxAtOnce: number;
  /** statements one invocation sent inside another invocation's open transaction */
  intoOthersTransactions: number;
}

/**
 * One connection (not a pool) used by several invocations at once: their statements queue behind
 * each other, and one request's statements land inside another's transaction.
 */
export function findSharedConnections(workers: ConnectionUse[][]): SharedConnection[] {
  const out: SharedConnection[] = [];
  workers.forEach((uses, worker) => {
    const byConnection = new Map<number, ConnectionUse[]>();
    for (const u of uses) if (u.invocation !== null) byConnection.set(u.connection, [...(byConnection.get(u.connection) ?? []), u]);
    for (const [connection, list] of byConnection) {
      list.sort((a, b) => a.start - b.start);
      const endOf = (u: ConnectionUse) => u.end || Infinity;
      let maxAtOnce = 0;
      for (const u of list) {
        const inFlight = new Set(list.filter((o) => o.start <= u.start && endOf(o) > u.start).map((o) => o.invocation));
        maxAtOnce = Math.max(maxAtOnce, inFlight.size);
      }
      const spans = transactionSpans(list);
      const intoOthersTransactions = list.filter((o) => spans.some((t) => t.invocation !== o.invocation && o.start > t.start && o.start < t.end)).length;
      if (maxAtOnce < 2 && intoOthersTransactions === 0) continue;
      const invocations = new Set(list.map((u) => u.invocation)).size;
      out.push({ client: list[0].client, worker, connection, invocations, maxAtOnce, intoOthersTransactions });
    }
  });
  return out;
}

/** From each invocation's BEGIN to its COMMIT / ROLLBACK (or the end of the run when it never closed it). */
function transactionSpans(list: ConnectionUse[]): Array<{ invocation: number | null; start: number; end: number }> {
  const spans: Array<{ invocation: number | null; start: number; end: number }> = [];
  const open = new Map<number | null, number>();
  for (const u of list) {
    if (u.tx === 'begin' && !open.has(u.invocation)) open.set(u.invocation, u.start);
    else if (u.tx === 'end' && open.has(u.invocation)) {
      spans.push({ invocation: u.invocation, start: open.get(u.invocation)!, end: u.end || Infinity });
      open.delete(u.invocation);
    }
  }
  for (const [invocation, start] of open) spans.push({ invocation, start, end: Infinity });
  return spans;
}
