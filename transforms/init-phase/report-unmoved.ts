// heavy-work-in-handler findings for heavy calls a handler keeps: they depend on the request, run
// only in some branches, or their result cannot be shared; deliberate lazy loads are not reported.
import type { Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { HandlerInfo } from '../analysis/handlers';
import { isFunction } from '../analysis/ast';
import { hasHeavyInside, heavyNodes } from './heavy-nodes';
import type { ModuleFacts } from './module-facts';
import { checkMovable } from './movable';
import { describeHeavy, type PlanReport } from './reports';
import { functionNames } from './scope';
import { VISITOR_KEYS } from '../analysis/walk';

/** Heavy calls in a handler that are not moved: findings a human must act on (or deliberate lazy loads). */
export function reportUnmoved(analysis: FileAnalysis, facts: ModuleFacts, handler: HandlerInfo, moved: ReadonlySet<Node>, out: PlanReport[]): void {
  const fn = handler.fn;
  if (fn.body.type !== 'BlockStatement') return;
  // nothing to report: skip the walk
  if (!hasHeavyInside(analysis, fn.body)) return;
  const kinds = heavyNodes(analysis);
  const locals = functionNames(analysis, fn).declared;
  const walk = (node: Node, conditional: boolean) => {
    if (moved.has(node)) return;
    const kind = kinds.get(node) ?? null;
    if (kind && !(conditional && (kind === 'require' || kind === 'import')) && !memoized(analysis, node, locals)) {
      // a conditional require()/import() is a deliberate lazy load; a memoized one runs once
      const dep = checkMovable(node, { facts, handlerLocals: locals, hoisted: new Set(), kinds });
      const why = dep.reason === 'request' ? 'request' : conditional ? 'conditional' : inMovableConst(node) ? 'shared' : 'unproven';
      out.push({ ...describeHeavy(kind, false, why, 'top-level'), node });
    }
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const k of Array.isArray(child) ? child : [child]) {
        if (k && typeof (k as Node).type === 'string') walk(k as Node, conditional || isBranching(node, key));
      }
    }
  };
  // a top-level const whose value could move but was kept: the handler changes or hands it out
  const inMovableConst = (node: Node): boolean => {
    const stmt = fn.body.type === 'BlockStatement' ? fn.body.body.find((s) => (s.start ?? 0) <= (node.start ?? -1) && (node.end ?? -1) <= (s.end ?? 0)) : null;
    return stmt?.type === 'VariableDeclaration' && stmt.kind === 'const' &&
      stmt.declarations.every((d) => !!d.init && checkMovable(d.init, { facts, handlerLocals: locals, hoisted: new Set(), kinds }).ok);
  };
  for (const stmt of fn.body.body) walk(stmt, false);
}

/** Assigned to a module-level binding (`cache = …`, `if (!x) x = await …`): already kept across requests. */
export function memoized(analysis: FileAnalysis, node: Node, locals: Set<string>): boolean {
  for (let cur: Node | undefined = node; cur && !isFunction(cur); cur = analysis.index.parent(cur)) {
    if (cur.type === 'AssignmentExpression' && cur.left.type === 'Identifier' && !locals.has(cur.left.name)) return true;
  }
  return false;
}

/** Children that run only sometimes (or many times): branches, loop bodies, nested functions, catch. */
function isBranching(node: Node, key: string): boolean {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return key === 'consequent' || key === 'alternate';
    case 'LogicalExpression':
      return key === 'right';
    case 'SwitchStatement':
      return key === 'cases';
    case 'TryStatement':
      return key === 'handler';
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return key === 'body';
    default:
      return isFunction(node) && key === 'body';
  }
}
