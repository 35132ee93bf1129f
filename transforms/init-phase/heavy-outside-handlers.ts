// heavy-work-in-handler findings outside the handlers: secrets kept for the life of a worker (info,
// with a TTL hint), and heavy calls in module helpers the handlers call (report only).
import type { Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { isFunction } from '../analysis/ast';
import { heavyCallKind } from './heavy-calls';
import { visitInitCode } from './init-code';
import type { ModuleFacts } from './module-facts';
import { memoized } from './report-unmoved';
import { describeHeavy, secretAtInit, type PlanReport } from './reports';
import { declaredNames, visitValues } from './scope';

/**
 * Every call heavyCallKind calls a secret names it: GetSecretValueCommand,
 * BatchGetSecretValueCommand, getSecretValue(), batchGetSecretValue(). Transforms never add one.
 */
export const SECRET_TOKEN = 'SecretValue';

/** Secrets fetched at init, or stored in a module binding: they are kept for hours on LMI. */
export function secretsKeptAcrossRequests(analysis: FileAnalysis, facts: ModuleFacts): PlanReport[] {
  if (!analysis.source.includes(SECRET_TOKEN)) return [];
  const found = new Set<Node>();
  visitInitCode(analysis.ast, (node) => {
    if (heavyCallKind(node, facts) === 'secret') found.add(node);
  });
  const keptFunctions = functionsWhoseResultIsKept(analysis);
  visitValues(analysis.ast.program, (node) => {
    if (found.has(node) || heavyCallKind(node, facts) !== 'secret') return;
    let fn: Node | undefined = node;
    while (fn && !isFunction(fn)) fn = analysis.index.parent(fn);
    if (fn && (keptFunctions.has(fn) || memoized(analysis, node, declaredNames(fn)))) found.add(node);
  });
  return [...found].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)).map((node) => secretAtInit(node));
}

/** Module-level functions by name (`function f`, `const f = () => …`). */
function moduleFunctions(analysis: FileAnalysis): Map<string, Node> {
  const byName = new Map<string, Node>();
  for (const stmt of analysis.ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type === 'FunctionDeclaration' && decl.id) byName.set(decl.id.name, decl);
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) if (d.id.type === 'Identifier' && isFunction(d.init)) byName.set(d.id.name, d.init);
    }
  }
  return byName;
}

/**
 * Heavy calls in module functions the handlers call (transitively): they run per invocation too,
 * but moving a helper's work is a design change, so these are findings only. Helpers whose result
 * a module binding keeps are memoized already; require()/import() in helpers is usually a
 * deliberate lazy load or a cycle break.
 */
export function heavyInHelpers(analysis: FileAnalysis, facts: ModuleFacts): PlanReport[] {
  if (analysis.handlers.length === 0) return [];
  const byName = moduleFunctions(analysis);
  const nameOf = new Map([...byName].map(([n, f]) => [f, n]));
  const kept = functionsWhoseResultIsKept(analysis);
  const handlers = new Set<Node>(analysis.handlers.map((h) => h.fn));
  const reached = new Set<Node>();
  const queue: Node[] = [...handlers];
  while (queue.length) {
    const fn = queue.pop()!;
    visitValues(fn, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
      const target = byName.get(node.callee.name);
      if (target && !handlers.has(target) && !kept.has(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    });
  }
  const out: PlanReport[] = [];
  for (const fn of reached) {
    visitValues(fn, (node) => {
      const kind = heavyCallKind(node, facts);
      if (!kind || kind === 'require' || kind === 'import') return;
      let owner: Node | undefined = node;
      while (owner && !isFunction(owner)) owner = analysis.index.parent(owner);
      if (owner !== fn || memoized(analysis, node, declaredNames(fn))) return;
      const report = describeHeavy(kind, false, 'unproven', 'top-level');
      out.push({ ...report, node, message: `${report.message.replace('The handler', `\`${nameOf.get(fn)}()\`, called by the handler,`)}` });
    });
  }
  return out;
}

/** Module functions whose result a module binding keeps: `config = await loadConfig()`, `p ??= loadConfig()`. */
function functionsWhoseResultIsKept(analysis: FileAnalysis): Set<Node> {
  const byName = moduleFunctions(analysis);
  const kept = new Set<Node>();
  if (!byName.size) return kept;
  visitValues(analysis.ast.program, (node) => {
    if (node.type !== 'AssignmentExpression' || node.left.type !== 'Identifier') return;
    let fn: Node | undefined = node;
    while (fn && !isFunction(fn)) fn = analysis.index.parent(fn);
    if (fn && declaredNames(fn).has(node.left.name)) return;
    visitValues(node.right, (inner) => {
      if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && byName.has(inner.callee.name)) {
        kept.add(byName.get(inner.callee.name)!);
      }
    });
  });
  return kept;
}
