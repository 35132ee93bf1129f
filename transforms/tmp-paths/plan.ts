// The one decision function of tmp-paths. The rules call it on the raw AST and the transform on
// the recast AST, so a finding is `fixable` exactly when the transform rewrites that spot.
import type { Node } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { HandlerInfo } from '../analysis/handlers';
import { visit, type NodeIndex } from '../analysis/walk';
import { planCacheWrite } from './cache-write';
import { moduleFacts, type ModuleFacts, type ModuleVar } from './module-facts';
import { tmpPathValue } from './evaluate';
import { findOccurrences, type Occurrence } from './occurrences';
import { handlerBlockers } from './handler-blockers';
import { moduleStateGuard, moduleVariableNames, writtenWhenReadFails } from './guards';
import type { Use } from './uses';

export const FIXED_RULE = 'tmp-fixed-path';
export const CACHE_RULE = 'tmp-shared-cache';

export interface PlannedFinding {
  rule: typeof FIXED_RULE | typeof CACHE_RULE;
  node: Node;
  message: string;
  hint: string;
  fixable: boolean;
}

/** A handler whose fixed /tmp paths move into one per-invocation directory. */
export interface HandlerFix {
  handler: HandlerInfo;
  fn: FunctionNode;
  /** mkdtemp prefix, from the first path's name ('report' for /tmp/report.csv) */
  prefix: string;
  /** path expressions in the handler to point into the directory */
  sites: Node[];
  /** module constants the handler reads, in source order: re-declared inside the handler */
  moduleVars: ModuleVar[];
}

/** A shared-path write that becomes write-to-unique-temp-file + rename. */
export interface CacheFix {
  /** the path argument of the write */
  path: Node;
  /** the statement that performs the write */
  statement: Node;
  timing: 'sync' | 'promise';
}

export interface TmpPlan {
  handlerFixes: HandlerFix[];
  cacheFixes: CacheFix[];
  findings: PlannedFinding[];
}

/**
 * The rules' exact pre-filter: a file whose text has neither token is not analysed at all, by the
 * rules nor by the transform. (A path spelled without them, like join('/', 'tmp', x), is not detected.)
 */
export const NEEDS = ['/tmp', 'tmpdir'];

export function planTmpPaths(analysis: FileAnalysis): TmpPlan {
  const plan: TmpPlan = { handlerFixes: [], cacheFixes: [], findings: [] };
  if (!NEEDS.some((token) => analysis.source.includes(token))) return plan;
  const facts = moduleFacts(analysis.ast);
  const occurrences = findOccurrences(analysis.ast, analysis.index, facts, analysis.handlers);
  if (occurrences.length === 0) return plan;
  const line = (n: Node) => n.loc?.start.line ?? 1;
  // module state: module variables something reassigns (constants never flag a reuse)
  const moduleNames = new Set([...moduleVariableNames(analysis.ast, new Set(facts.imports.keys()))].filter((n) => !facts.vars.has(n)));

  // rename() over a path is the atomic way to write it: only other writes can be seen half-done
  const inPlaceWrite = (u: Use) => u.kind === 'write' && !/^rename(Sync)?$/.test(u.fn ?? '');
  const sharedWrites = occurrences.filter((o) => o.value.kind === 'fixed' && o.uses.some((u) => u.kind === 'write') && isSharedWrite(o, occurrences, analysis.index));
  const sharedPaths = new Set(sharedWrites.map(pathOf));
  const shared = sharedWrites.filter((o) => o.uses.some(inPlaceWrite));
  for (const o of shared) {
    if (analysis.isSuppressed(CACHE_RULE, line(o.node))) continue;
    const fix = planCacheWrite(o, analysis.index, facts);
    const where = o.owner.fn === null ? 'at init (once per worker, concurrently across workers)' : 'after an existence check';
    plan.findings.push({
      rule: CACHE_RULE,
      node: o.node,
      message: `Shared /tmp file '${pathOf(o)}' is written in place ${where}: another invocation or worker can read it half-written.`,
      hint: fix
        ? 'Write to a unique temporary file in the same directory, then rename it over the shared path (atomic on one filesystem).'
        : 'Write to `${path}.${randomUUID()}.tmp` and `rename` it to the shared path once the write has finished; the tool could not find one awaited write statement to rewrite.',
      fixable: !!fix,
    });
    if (fix) plan.cacheFixes.push(fix);
  }

  for (const handler of analysis.handlers) {
    const mine = occurrences.filter((o) => o.owner.fn === handler.fn);
    reportNonFixed(mine, plan, analysis);
    const groups = new Map<string, Occurrence[]>();
    for (const o of mine) if (o.value.kind === 'fixed') groups.set(segmentOf(o), [...(groups.get(segmentOf(o)) ?? []), o]);
    let fix: HandlerFix | null = null;
    for (const [segment, occs] of groups) {
      occs.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
      const first = occs[0];
      if (analysis.isSuppressed(FIXED_RULE, line(first.node))) continue;
      const blocker = groupBlocker(segment, occs, occurrences, sharedPaths, sharedWrites, handler, analysis.index, moduleNames);
      if (blocker === 'skip') continue;
      const path = pathOf(first);
      const message = `Fixed path '${path}' in /tmp: concurrent invocations and workers share it and overwrite each other's file.`;
      const reason = blocker ?? handlerBlockers(handler.fn, occs, analysis.index);
      if (reason) {
        plan.findings.push({ rule: FIXED_RULE, node: first.node, message: `${message} Not rewritten: ${reason.why}.`, hint: reason.hint, fixable: false });
        continue;
      }
      fix ??= { handler, fn: handler.fn, prefix: prefixOf(segment), sites: [], moduleVars: [] };
      fix.sites.push(...occs.filter((o) => !o.moduleVar && o.node.type !== 'Identifier').map((o) => o.node));
      for (const o of occs) if (o.moduleVar) addWithDependencies(o.moduleVar, fix.moduleVars, facts);
      plan.findings.push({
        rule: FIXED_RULE,
        node: first.node,
        message,
        hint: `Use one unique directory per invocation (mkdtemp(join(tmpdir(), '${fix.prefix}-'))), keep the file name inside it, and remove it in a finally.`,
        fixable: true,
      });
    }
    if (fix) {
      fix.moduleVars.sort((a, b) => (a.statement.start ?? 0) - (b.statement.start ?? 0));
      plan.handlerFixes.push(fix);
    }
  }
  return plan;
}

export interface Blocker {
  why: string;
  hint: string;
}

/** Why a group of one handler's fixed paths cannot move into a per-invocation directory; 'skip' when it is no hazard of this rule. */
function groupBlocker(
  segment: string,
  occs: Occurrence[],
  all: Occurrence[],
  sharedPaths: Set<string>,
  shared: Occurrence[],
  handler: HandlerInfo,
  index: NodeIndex,
  moduleNames: Set<string>,
): Blocker | 'skip' | null {
  const uses = occs.flatMap((o) => o.uses).filter((u) => u.kind !== 'alias');
  if (occs.some((o) => sharedPaths.has(pathOf(o)))) {
    const inPlace = occs.some((o) => o.uses.some((u) => u.kind === 'write') && !shared.includes(o));
    return inPlace
      ? { why: 'the same file is also a shared cache or written at init', hint: 'Decide whether the file is shared (write it atomically with a temp file + rename) or per invocation (use a different name).' }
      : 'skip';
  }
  const elsewhere = all.find((o) => o.value.kind === 'fixed' && segmentOf(o) === segment && o.owner.fn !== handler.fn);
  if (elsewhere) {
    return {
      why: `${elsewhere.owner.label} uses the same path, so it may be written in one invocation and read in another`,
      hint: 'Keep the path inside one invocation: create a unique directory in the handler and pass the path to helpers as a parameter.',
    };
  }
  const writes = uses.filter((u) => u.kind === 'write' || u.kind === 'process' || u.kind === 'local-call');
  if (writes.length === 0) return 'skip';
  for (const w of writes) {
    const flag = w.call ? moduleStateGuard(w.call, handler.fn, index, moduleNames) : null;
    if (flag) {
      return {
        why: `the write depends on the module variable ${flag}, so later invocations probably reuse the file`,
        hint: 'If the file is a cache shared by invocations, keep the path and write it atomically (temp file + rename); if it is per invocation, drop the module flag.',
      };
    }
  }
  if (uses.length < 2) {
    return {
      why: 'it is written but not used again in this invocation, so it may be meant to outlive it',
      hint: 'If the file is per invocation, put it in a directory from mkdtemp and remove it in a finally; if it is shared, write it atomically (temp file + rename).',
    };
  }
  const escape = uses.find((u) => u.kind === 'escape');
  if (escape) {
    return {
      why: `the path is ${escape.reason}`,
      hint: 'Create a unique directory per invocation (mkdtemp) and make sure whoever receives the path is done with it before the directory is removed.',
    };
  }
  const exported = occs.find((o) => o.moduleVar?.exported);
  if (exported) {
    return {
      why: `the constant ${exported.moduleVar!.name} is exported, so other modules may use the same path`,
      hint: 'Stop exporting the path; create a unique directory per invocation and pass paths explicitly.',
    };
  }
  return null;
}

/** Findings for /tmp paths of a handler that are not fixed: built from the event, or dynamic. */
function reportNonFixed(occs: Occurrence[], plan: TmpPlan, analysis: FileAnalysis): void {
  for (const o of occs) {
    if (o.value.kind !== 'event' && o.value.kind !== 'dynamic') continue;
    if (o.node.type === 'Identifier' && !o.moduleVar) continue; // reported at the local's initializer
    const uses = o.uses.some((u) => u.kind === 'alias') ? usesThroughLocal(o, occs, analysis.index) : o.uses;
    if (!uses.some((u) => u.kind === 'write' || u.kind === 'process' || u.kind === 'escape')) continue;
    if (analysis.isSuppressed(FIXED_RULE, o.node.loc?.start.line ?? 1)) continue;
    const why = o.value.kind === 'event' ? 'its name is built from the event, so two invocations with the same input collide' : 'its name is not fixed nor provably unique';
    plan.findings.push({
      rule: FIXED_RULE,
      node: o.node,
      message: `Path in /tmp that concurrent invocations may share: ${why}. Not rewritten.`,
      hint: 'Put the file in a per-invocation directory (mkdtemp(join(tmpdir(), "x-"))) and remove it in a finally; or add randomUUID() to the name.',
      fixable: false,
    });
  }
}

/** The uses of a local that an occurrence initialises (`const file = `/tmp/${event.name}``). */
function usesThroughLocal(o: Occurrence, occs: Occurrence[], index: NodeIndex): Use[] {
  const declarator = index.parent(o.node);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return [];
  const name = declarator.id.name;
  return occs.filter((r) => r.node.type === 'Identifier' && r.node.name === name).flatMap((r) => r.uses);
}

/** A write to a shared path: at module init, or after an existence check of the same path in the same function. */
function isSharedWrite(o: Occurrence, all: Occurrence[], index: NodeIndex): boolean {
  if (o.owner.fn === null) return true;
  if (writtenWhenReadFails(o, all, index, (c) => c.value.kind === 'fixed' && pathOf(c) === pathOf(o))) return true;
  const scope = enclosingFunction(o.node, index);
  return all.some(
    (c) => c.value.kind === 'fixed' && pathOf(c) === pathOf(o) && (c.node.start ?? 0) < (o.node.start ?? 0) &&
      c.uses.some((u) => u.kind === 'check') && enclosingFunction(c.node, index) === scope,
  );
}

export function enclosingFunction(node: Node, index: NodeIndex): Node | undefined {
  let n = index.parent(node);
  while (n && !isFunction(n)) n = index.parent(n);
  return n;
}

function pathOf(o: Occurrence): string {
  return o.value.kind === 'fixed' ? o.value.path : '';
}

/** The first path segment under /tmp: '/tmp/work/in.png' → 'work'. Files in one top-level entry move together. */
function segmentOf(o: Occurrence): string {
  return pathOf(o).split('/')[2] ?? '';
}

function prefixOf(segment: string): string {
  const stem = segment.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return stem || 'tmp';
}

/** The module constant, then the module constants holding fixed /tmp paths that its initializer reads. */
function addWithDependencies(v: ModuleVar, out: ModuleVar[], facts: ModuleFacts): void {
  if (out.includes(v)) return;
  out.push(v);
  const env = { facts, locals: new Map(), eventNames: new Set<string>() };
  visit(v.init, (n) => {
    const dep = n.type === 'Identifier' ? facts.vars.get(n.name) : undefined;
    if (dep && dep !== v && tmpPathValue(dep.init, env)?.kind === 'fixed') addWithDependencies(dep, out, facts);
  });
}
