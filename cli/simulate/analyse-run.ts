// Turns the raw observations of the concurrent run into the report's findings: races (the
// oracle), failures only under concurrency, client constructions, /tmp overwrites (by invocations,
// and by the inits of different workers), uncaught exceptions that ended a worker.
import type { ClientConstruction, InvocationRecord, InvocationResult, TmpWrite, UncaughtError } from './protocol';
import { maskForComparison, stableStringify } from './mask';

export interface ReplayResults {
  startOrder: Map<number, InvocationResult>;
  completionOrder: Map<number, InvocationResult>;
}

export function sameResult(a: InvocationResult | undefined, b: InvocationResult | undefined, ignoreFields: string[][]): boolean {
  if (!a || !b) return false;
  return stableStringify(comparable(a, ignoreFields)) === stableStringify(comparable(b, ignoreFields));
}

function comparable(r: InvocationResult, ignoreFields: string[][]): unknown {
  return r.ok ? { ok: true, response: maskForComparison(r.response, ignoreFields) } : { ok: false, error: maskForComparison(r.error, []) };
}

export interface ClientSummary {
  library: string;
  name: string;
  total: number;
  atInit: number;
  inInvocations: number;
  /** distinct invocations that constructed one */
  invocations: number;
  perWorker: Array<{ worker: number; atInit: number; inInvocations: number }>;
  /** most constructions in a single worker: more than 1 means per-invocation clients or a racing lazy init */
  maxPerWorker: number;
}

export function summariseClients(byWorker: ClientConstruction[][]): ClientSummary[] {
  const out = new Map<string, ClientSummary>();
  byWorker.forEach((list, worker) => {
    for (const c of list) {
      const key = `${c.library}\u0000${c.name}`;
      let s = out.get(key);
      if (!s) {
        s = { library: c.library, name: c.name, total: 0, atInit: 0, inInvocations: 0, invocations: 0, perWorker: byWorker.map((_, w) => ({ worker: w, atInit: 0, inInvocations: 0 })), maxPerWorker: 0 };
        out.set(key, s);
      }
      s.total++;
      if (c.invocation === null) {
        s.atInit++;
        s.perWorker[worker].atInit++;
      } else {
        s.inInvocations++;
        s.perWorker[worker].inInvocations++;
      }
    }
  });
  for (const s of out.values()) {
    const key = (c: ClientConstruction) => c.library === s.library && c.name === s.name && c.invocation !== null;
    s.invocations = new Set(byWorker.flat().filter(key).map((c) => c.invocation)).size;
    s.maxPerWorker = Math.max(...s.perWorker.map((w) => w.atInit + w.inInvocations));
  }
  return [...out.values()].sort((a, b) => a.library.localeCompare(b.library) || a.name.localeCompare(b.name));
}

export interface Overwrite {
  path: string;
  writtenBy: number;
  overwrittenBy: number;
}

/**
 * A file written by one invocation and written again by another while the first was still running.
 * Two renames of the same bytes do not count: whichever lands last, readers see the same file.
 */
export function findOverwrites(writes: TmpWrite[], records: InvocationRecord[]): Overwrite[] {
  const endOf = new Map(records.map((r) => [r.id, r.endedAt]));
  const byPath = new Map<string, TmpWrite[]>();
  for (const w of writes) {
    if (w.invocation !== null) byPath.set(w.path, [...(byPath.get(w.path) ?? []), w]);
  }
  const found = new Map<string, Overwrite>();
  for (const [path, list] of byPath) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((cur, i) => {
      for (const prev of list.slice(0, i)) {
        if (prev.invocation === cur.invocation || (endOf.get(prev.invocation!) ?? Infinity) <= cur.at) continue;
        if (prev.renamed !== undefined && prev.renamed === cur.renamed) continue;
        const o = { path: '/tmp/' + path, writtenBy: prev.invocation!, overwrittenBy: cur.invocation! };
        found.set(`${path}\u0000${o.writtenBy}\u0000${o.overwrittenBy}`, o);
      }
    });
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.writtenBy - b.writtenBy || a.overwrittenBy - b.overwrittenBy);
}

export interface InitOverwrite {
  path: string;
  /** the worker whose init wrote the file */
  writtenByWorker: number;
  /** another worker whose init wrote it again */
  overwrittenByWorker: number;
}

/**
 * A file the init of one worker wrote and the init of another worker wrote again. On LMI a worker
 * starts (or restarts) while the others serve requests, so a rewrite in place (truncate, then write)
 * lets their requests read an empty or half-written file. As for invocations, two renames of the
 * same bytes do not count (a rename onto the same bytes is no write at all).
 */
export function findInitOverwrites(writesByWorker: TmpWrite[][]): InitOverwrite[] {
  const byPath = new Map<string, Array<TmpWrite & { worker: number }>>();
  writesByWorker.forEach((writes, worker) => {
    for (const w of writes) {
      if (w.invocation === null) byPath.set(w.path, [...(byPath.get(w.path) ?? []), { ...w, worker }]);
    }
  });
  const found = new Map<string, InitOverwrite>();
  for (const [path, list] of byPath) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((cur, i) => {
      for (const prev of list.slice(0, i)) {
        if (prev.worker === cur.worker) continue;
        if (prev.renamed !== undefined && prev.renamed === cur.renamed) continue;
        const o = { path: '/tmp/' + path, writtenByWorker: prev.worker, overwrittenByWorker: cur.worker };
        found.set(`${path}\u0000${o.writtenByWorker}\u0000${o.overwrittenByWorker}`, o);
      }
    });
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.writtenByWorker - b.writtenByWorker || a.overwrittenByWorker - b.overwrittenByWorker);
}

export interface UncaughtException {
  worker: number;
  /** the invocation whose code threw it (its async context), or null when no invocation's code did */
  invocation: number | null;
  /** that invocation had returned its response already: the code ran after it (a callback, a timer) */
  afterResponse: boolean;
  errorType: string;
  errorMessage: string;
  /** the other invocations in flight on the worker: they died with it */
  killedInFlight: number[];
}

/** What an uncaught exception did to one worker of the concurrent run. */
export function describeUncaught(worker: number, error: UncaughtError, records: InvocationRecord[], started: Set<number>): UncaughtException {
  const finished = new Set(records.map((r) => r.id));
  const killedInFlight = [...started].filter((id) => !finished.has(id) && id !== error.invocation).sort((a, b) => a - b);
  const afterResponse = error.invocation !== null && finished.has(error.invocation);
  return { worker, invocation: error.invocation, afterResponse, errorType: error.errorType, errorMessage: error.errorMessage, killedInFlight };
}
