// The one decision function of tmp-paths. The rules call it on the raw AST and the transform on
// the recast AST, so a finding is `fixable` exactly when the transform rewrites that spot.
import type { Node } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { HandlerInfo } from '../analysis/handlers';
import { planCacheWrite } from './cache-write';
import { groupBlocker } from './group-blocker';
import { moduleVariableNames } from './guards';
import { handlerBlockers } from './handler-blockers';
import { moduleFacts, type ModuleVar } from './module-facts';
import { addWithDependencies } from './module-var-closure';
import { nonFixedFindings } from './non-fixed-findings';
import { findOccurrences, type Occurrence } from './occurrences';
import { pathOf, prefixOf, segmentOf } from './path-groups';
import { CACHE_RULE, FIXED_RULE } from './rule-ids';
import { isSharedWrite } from './shared-writes';
import type { Use } from './uses';

export { CACHE_RULE, FIXED_RULE };

/** Why a group of fixed paths is not rewritten, for the finding. */
export interface Blocker {
  why: string;
  hint: string;
}

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
  const facts = moduleFacts(analysis.ast, analysis.index);
  const occurrences = findOccurrences(analysis.index, facts, analysis.handlers);
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
    const where = o.owner.fn === null ? 'at init (once per worker, while other workers may be reading it)' : 'when it is missing';
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
    plan.findings.push(...nonFixedFindings(mine, analysis));
    const groups = new Map<string, Occurrence[]>();
    for (const o of mine) {
      if (o.value.kind !== 'fixed') continue;
      const segment = segmentOf(o);
      const group = groups.get(segment);
      if (group) group.push(o);
      else groups.set(segment, [o]);
    }
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
