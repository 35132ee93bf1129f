// blocking-sync-io: `readFileSync`, `pbkdf2Sync`, `gzipSync`, `execSync` … in a handler stall every
// other request of the worker for as long as they run. The fs, crypto and zlib ones have promise
// twins with the same arguments and results; child_process ones do not (report only).
import type { CallExpression, Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { isFunction } from '../analysis/ast';
import { calleeMember, factsOf, type ModuleFacts } from './module-facts';
import type { HeavyPlan } from './plan-heavy-work';
import type { PlanReport } from './reports';
import { functionNames, isReference, reachedByValueWalk } from './scope';
import { VISITOR_KEYS } from '../analysis/walk';

export type SyncModule = 'fs' | 'crypto' | 'zlib' | 'child_process';

export interface SyncCallFix {
  call: CallExpression;
  module: 'fs' | 'crypto' | 'zlib';
  /** the async twin: `readFile` (fs/promises), `pbkdf2` (to promisify) */
  asyncName: string;
  /** `readFileSync(…)` (imported by name) or `fs.readFileSync(…)` */
  form: 'named' | 'member';
  /** the sync function's name, for removing an import that is no longer used */
  syncName: string;
}

export interface BlockingIoPlan {
  fixes: SyncCallFix[];
  reports: PlanReport[];
}

/** Sync fs calls whose fs/promises twin takes the same arguments and gives the same result. */
const FS = new Map(Object.entries({
  readFileSync: 'readFile', writeFileSync: 'writeFile', appendFileSync: 'appendFile', readdirSync: 'readdir',
  mkdirSync: 'mkdir', mkdtempSync: 'mkdtemp', unlinkSync: 'unlink', rmSync: 'rm', rmdirSync: 'rmdir',
  copyFileSync: 'copyFile', renameSync: 'rename', accessSync: 'access', realpathSync: 'realpath',
  statSync: 'stat', lstatSync: 'lstat', readlinkSync: 'readlink', symlinkSync: 'symlink', truncateSync: 'truncate',
}));
/** These accept a file descriptor number, which fs/promises does not. */
const FD_TAKING = new Set(['readFileSync', 'writeFileSync', 'appendFileSync']);
/** `statSync(p, { throwIfNoEntry: false })` has no promise twin. */
const ONE_ARG_ONLY = new Set(['statSync', 'lstatSync']);
const CRYPTO = new Map(Object.entries({ pbkdf2Sync: 'pbkdf2', scryptSync: 'scrypt', generateKeyPairSync: 'generateKeyPair' }));
const ZLIB = new Map(['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress']
  .map((n) => [`${n}Sync`, n]));
/** fs calls that only read: a handler that also writes must keep its reads and writes in one synchronous run. */
const FS_READS = new Set(['readFileSync', 'readdirSync', 'accessSync', 'realpathSync', 'statSync', 'lstatSync', 'readlinkSync']);
const CHILD = new Set(['execSync', 'execFileSync', 'spawnSync']);

export function planBlockingIo(analysis: FileAnalysis, heavy: HeavyPlan): BlockingIoPlan {
  const fixes: SyncCallFix[] = [];
  const reports: PlanReport[] = [];
  // every finding is inside a handler
  if (analysis.handlers.length === 0) return { fixes, reports };
  const facts = factsOf(analysis);
  const moved = new Set<Node>(heavy.moves.flatMap((m) => m.statements));
  const fdInUse = analysis.source.includes('openSync') || /\bopen\(/.test(analysis.source);
  const found = syncCalls(analysis, facts);
  const loops = analysis.index.ofType('ForStatement');
  for (const handler of analysis.handlers) {
    const fn = handler.fn;
    // the only nodes a handler is reported for; each list is in walk order (the index's), but a
    // transform may have moved or added nodes, so offsets cannot merge them: a walk does
    const callSites = sitesIn(analysis, [...found.keys()], fn.body, moved);
    const loopSites = sitesIn(analysis, loops, fn.body, moved);
    const sites = callSites.length && loopSites.length ? sitesByWalk(fn.body, moved, found) : callSites.length ? callSites : loopSites;
    if (sites.length === 0) continue;
    // asked only when a call gets that far
    let touchesState: boolean | undefined;
    const touches = () => (touchesState ??= readsModuleState(analysis, fn, facts));
    let fsSequence: boolean | undefined;
    const sequence = () => {
      if (fsSequence === undefined) {
        const fsCalls = syncFsCalls(analysis, fn, facts);
        // a read and a write of files in one synchronous run cannot interleave with another request; with awaits they can
        fsSequence = fsCalls.length > 1 && fsCalls.some((n) => !FS_READS.has(n));
      }
      return fsSequence;
    };
    for (const { node, nested } of sites) {
      const iterations = node.type === 'ForStatement' ? loopBound(node) : null;
      if (iterations !== null && iterations >= CPU_LOOP_ITERATIONS) reports.push(cpuLoop(node, iterations));
      const call = node.type === 'CallExpression' ? found.get(node) : undefined;
      if (call) {
        const why = call.module === 'child_process' ? 'child'
          : call.asyncName === null ? 'no-twin'
            : nested ? 'nested'
              : !fn.async ? 'sync-handler'
                : touches() ? 'state'
                  : fdInUse && FD_TAKING.has(call.syncName) ? 'fd'
                    : call.module === 'fs' && sequence() ? 'fs-sequence'
                    : null;
        if (why === null) {
          fixes.push({ call: node as CallExpression, module: call.module as SyncCallFix['module'], asyncName: call.asyncName!, form: call.form, syncName: call.syncName });
        }
        reports.push(describe(node, call.syncName, why));
      }
    }
  }
  return { fixes, reports };
}

/**
 * The candidates a walk of `body` meets, skipping moved statements; `nested` when a function
 * lies between the node and `body` (body itself included).
 */
function sitesIn(analysis: FileAnalysis, candidates: Node[], body: Node, moved: ReadonlySet<Node>): Array<{ node: Node; nested: boolean }> {
  const out: Array<{ node: Node; nested: boolean }> = [];
  for (const node of candidates) {
    let nested = false;
    let skipped = moved.has(node);
    let cur: Node | undefined = node;
    while (cur && cur !== body) {
      cur = analysis.index.parent(cur);
      if (!cur) break;
      if (isFunction(cur)) nested = true;
      if (moved.has(cur)) skipped = true;
    }
    if (cur === body && !skipped) out.push({ node, nested });
  }
  return out;
}

/** sitesIn for sync calls and `for` loops together, in walk order. */
function sitesByWalk(body: Node, moved: ReadonlySet<Node>, found: Map<Node, SyncCall>): Array<{ node: Node; nested: boolean }> {
  const out: Array<{ node: Node; nested: boolean }> = [];
  const walk = (node: Node, nested: boolean) => {
    if (moved.has(node)) return;
    if (node.type === 'ForStatement' || found.has(node)) out.push({ node, nested });
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const k of Array.isArray(child) ? child : [child]) {
        if (k && typeof (k as Node).type === 'string') walk(k as Node, nested || isFunction(node));
      }
    }
  };
  walk(body, false);
  return out;
}

type SyncCall = NonNullable<ReturnType<typeof classify>>;

/** classify() of every call of the file that it recognizes, from the index. */
function syncCalls(analysis: FileAnalysis, facts: ModuleFacts): Map<Node, SyncCall> {
  const out = new Map<Node, SyncCall>();
  for (const node of analysis.index.ofType('CallExpression')) {
    const found = classify(node, facts);
    if (found) out.set(node, found);
  }
  return out;
}

function classify(call: CallExpression, facts: ModuleFacts): { module: SyncModule; syncName: string; asyncName: string | null; form: 'named' | 'member' } | null {
  const m = calleeMember(facts, call.callee, ['fs', 'crypto', 'zlib', 'child_process']);
  if (!m) return null;
  const module = m.module as SyncModule;
  const table = module === 'fs' ? FS : module === 'crypto' ? CRYPTO : module === 'zlib' ? ZLIB : null;
  if (module === 'child_process') return CHILD.has(m.name) ? { module, syncName: m.name, asyncName: null, form: m.form } : null;
  // existsSync is one cheap stat with no promise twin (fs.exists is deprecated): not worth a finding
  if (!m.name.endsWith('Sync') || m.name === 'existsSync') return null;
  let asyncName = table?.get(m.name) ?? null;
  if (asyncName && ONE_ARG_ONLY.has(m.name) && call.arguments.length > 1) asyncName = null;
  if (call.arguments.some((a) => a.type === 'SpreadElement')) asyncName = null;
  return { module, syncName: m.name, asyncName, form: m.form };
}

/** The sync fs functions `fn` calls (those a value walk of it meets). */
function syncFsCalls(analysis: FileAnalysis, fn: Node, facts: ModuleFacts): string[] {
  const names: string[] = [];
  for (const node of analysis.index.ofType('CallExpression')) {
    const m = calleeMember(facts, node.callee, ['fs']);
    if (m && m.name.endsWith('Sync') && reachedByValueWalk(analysis.index, node, fn)) names.push(m.name);
  }
  return names;
}

/** Reads or writes of mutable module state: a new await would let other requests interleave there. */
function readsModuleState(analysis: FileAnalysis, fn: Node, facts: ModuleFacts): boolean {
  // most files keep no module state that changes: then no identifier needs a look
  const state = changingModuleNames(facts);
  if (state.size === 0) return false;
  const locals = functionNames(analysis, fn).declared;
  for (const node of analysis.index.ofType('Identifier')) {
    if (!state.has(node.name)) continue;
    if (!locals.has(node.name) && isReference(node, analysis.index.parent(node)) && reachedByValueWalk(analysis.index, node, fn)) return true;
  }
  return false;
}

/** Module bindings whose value may change: `let`/`var`, and constants or requires something mutates. */
function changingModuleNames(facts: ModuleFacts): Set<string> {
  const out = new Set<string>();
  for (const [name, b] of facts.bindings) {
    if (b.kind === 'let' || b.kind === 'var' || ((b.kind === 'const' || b.kind === 'require') && facts.mutated.has(name))) out.add(name);
  }
  return out;
}

/** A counted loop this long is CPU work that holds the worker's event loop for a noticeable time. */
const CPU_LOOP_ITERATIONS = 100_000;

/** `for (…; i < 1e6; …)` → 1000000; null when the bound is not a numeric literal. */
function loopBound(loop: Extract<Node, { type: 'ForStatement' }>): number | null {
  const t = loop.test;
  if (t?.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(t.operator)) return null;
  const lit = t.right.type === 'NumericLiteral' ? t.right : t.left.type === 'NumericLiteral' ? t.left : null;
  return lit ? lit.value : null;
}

function cpuLoop(node: Node, iterations: number): PlanReport {
  return {
    node,
    message: `A CPU-bound loop (${iterations.toLocaleString('en-US')} iterations) in the handler blocks the worker's event loop: every other in-flight request on this worker waits.`,
    hint: 'precompute it at init, move it to a worker_threads Worker, or yield between chunks (await setImmediate from node:timers/promises)',
    fixable: false,
  };
}

const WHY: Record<string, string> = {
  child: 'child processes have no drop-in promise twin here: use util.promisify(execFile) / spawn and await it, or move the work out of the request path',
  'no-twin': 'no promise API with the same arguments: make it asynchronous by hand or move it to init',
  nested: 'it is inside a callback: make the callback async and await it by hand',
  'sync-handler': 'the handler is synchronous: make it async first (async-handler), then run init-phase again',
  state: 'the handler uses module state that changes, and a new await would let other requests interleave there: convert by hand',
'fs-sequence': 'the handler reads and writes files; made async, another request could run between them (lost updates): convert by hand, with a lock or an atomic rename if needed',
  fd: 'the file may be a descriptor from open(), which fs/promises does not take: convert by hand',
};

function describe(node: Node, name: string, why: string | null): PlanReport {
  return {
    node,
    message: `\`${name}\` in the handler blocks the worker's event loop: every other in-flight request on this worker waits.`,
    hint: why === null ? 'use the promise API and await it' : WHY[why],
    fixable: why === null,
  };
}
