// heavy-work-in-handler findings outside the handlers: secrets kept for the life of a worker (info,
// with a TTL hint), and heavy calls in module helpers the handlers call (report only).
import type { Identifier, Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { enclosingFunction, isFunction } from '../analysis/ast';
import { memoOn } from '../analysis/memo';
import type { HeavyKind } from './heavy-calls';
import { heavyNodes } from './heavy-nodes';
import { visitInitCode } from './init-code';
import { memoized } from './report-unmoved';
import { describeHeavy, secretAtInit, type PlanReport } from './reports';
import { functionNames, reachedByValueWalk, visitValues } from './scope';

/**
 * Every call heavyCallKind calls a secret names it: GetSecretValueCommand,
 * BatchGetSecretValueCommand, getSecretValue(), batchGetSecretValue(). Transforms never add one.
 */
export const SECRET_TOKEN = 'SecretValue';

// memo keys: both plans below (and each of several callers) ask the same of one analysis
const MODULE_FUNCTIONS = {};
const KEPT_FUNCTIONS = {};

/** Secrets fetched at init, or stored in a module binding: they are kept for hours on LMI. */
export function secretsKeptAcrossRequests(analysis: FileAnalysis): PlanReport[] {
  if (!analysis.source.includes(SECRET_TOKEN)) return [];
  const kinds = heavyNodes(analysis);
  const found = new Set<Node>();
  visitInitCode(analysis.ast, (node) => {
    if (kinds.get(node) === 'secret') found.add(node);
  });
  // in the order a walk of the program meets them (every secret call is a CallExpression)
  const program = analysis.ast.program;
  for (const [node, kind] of kinds) {
    if (kind !== 'secret' || found.has(node) || !reachedByValueWalk(analysis.index, node, program)) continue;
    const fn = enclosingFunction(node, analysis.index);
    if (fn && (functionsWhoseResultIsKept(analysis).has(fn) || memoized(analysis, node, functionNames(analysis, fn).declared))) found.add(node);
  }
  return [...found].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)).map((node) => secretAtInit(node));
}

/** Module-level functions by name (`function f`, `const f = () => …`). */
function moduleFunctions(analysis: FileAnalysis): Map<string, Node> {
  return memoOn(analysis, MODULE_FUNCTIONS, () => {
    const byName = new Map<string, Node>();
    for (const stmt of analysis.ast.program.body) {
      const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
      if (decl.type === 'FunctionDeclaration' && decl.id) byName.set(decl.id.name, decl);
      if (decl.type === 'VariableDeclaration') {
        for (const d of decl.declarations) if (d.id.type === 'Identifier' && isFunction(d.init)) byName.set(d.id.name, d.init);
      }
    }
    return byName;
  });
}

/**
 * Heavy calls in module functions the handlers call (transitively): they run per invocation too,
 * but moving a helper's work is a design change, so these are findings only. Helpers whose result
 * a module binding keeps are memoized already; require()/import() in helpers is usually a
 * deliberate lazy load or a cycle break.
 */
export function heavyInHelpers(analysis: FileAnalysis): PlanReport[] {
  if (analysis.handlers.length === 0) return [];
  // only heavy calls other than require()/import() are reported, and most files have none
  if (!hasHeavyOtherThanLoads(heavyNodes(analysis))) return [];
  const byName = moduleFunctions(analysis);
  // nothing to reach
  if (byName.size === 0) return [];
  // the calls of module functions by name, from the index; a function reaches those a walk of it would meet
  const calls = analysis.index.ofType('CallExpression').filter((node) => node.callee.type === 'Identifier' && byName.has(node.callee.name));
  if (calls.length === 0) return [];
  const handlers = new Set<Node>(analysis.handlers.map((h) => h.fn));
  const reached = new Set<Node>();
  const queue: Node[] = [...handlers];
  while (queue.length) {
    const fn = queue.pop()!;
    for (const node of calls) {
      const target = byName.get((node.callee as Identifier).name)!;
      if (handlers.has(target) || reached.has(target) || !reachedByValueWalk(analysis.index, node, fn) || functionsWhoseResultIsKept(analysis).has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  if (reached.size === 0) return [];
  const nameOf = new Map([...byName].map(([n, f]) => [f, n]));
  const kinds = heavyNodes(analysis);
  const out: PlanReport[] = [];
  for (const fn of reached) {
    visitValues(fn, (node) => {
      const kind = kinds.get(node);
      if (!kind || kind === 'require' || kind === 'import') return;
      if (enclosingFunction(node, analysis.index) !== fn || memoized(analysis, node, functionNames(analysis, fn).declared)) return;
      const report = describeHeavy(kind, false, 'unproven', 'top-level');
      out.push({ ...report, node, message: `${report.message.replace('The handler', `\`${nameOf.get(fn)}()\`, called by the handler,`)}` });
    });
  }
  return out;
}

function hasHeavyOtherThanLoads(kinds: ReadonlyMap<Node, HeavyKind>): boolean {
  for (const kind of kinds.values()) if (kind !== 'require' && kind !== 'import') return true;
  return false;
}

/** Module functions whose result a module binding keeps: `config = await loadConfig()`, `p ??= loadConfig()`. */
function functionsWhoseResultIsKept(analysis: FileAnalysis): Set<Node> {
  return memoOn(analysis, KEPT_FUNCTIONS, () => {
    const byName = moduleFunctions(analysis);
    const kept = new Set<Node>();
    if (!byName.size) return kept;
    const program = analysis.ast.program;
    for (const node of analysis.index.ofType('AssignmentExpression')) {
      if (node.left.type !== 'Identifier') continue;
      // the module functions the value calls; then whether the assignment counts (the costlier questions)
      const called: Node[] = [];
      visitValues(node.right, (inner) => {
        if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && byName.has(inner.callee.name)) {
          called.push(byName.get(inner.callee.name)!);
        }
      });
      if (called.length === 0 || !reachedByValueWalk(analysis.index, node, program)) continue;
      const fn = enclosingFunction(node, analysis.index);
      if (fn && functionNames(analysis, fn).declared.has(node.left.name)) continue;
      for (const f of called) kept.add(f);
    }
    return kept;
  });
}
