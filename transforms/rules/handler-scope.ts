// Small questions the report-only rules ask about where a node sits.
import type { Node } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import type { NodeIndex } from '../analysis/walk';

/** The handler whose function contains `node`, if any. */
export function enclosingHandler(node: Node, handlers: readonly HandlerInfo[], index: NodeIndex): HandlerInfo | undefined {
  for (let p = index.parent(node); p; p = index.parent(p)) {
    const h = handlers.find((x) => x.fn === p);
    if (h) return h;
  }
  return undefined;
}

/** True when no function encloses `node` (module-level init code). */
export function atModuleLevel(node: Node, index: NodeIndex): boolean {
  for (let p = index.parent(node); p; p = index.parent(p)) if (/Function|Method/.test(p.type)) return false;
  return true;
}

/** The nearest enclosing function. */
export function enclosingFunction(node: Node, index: NodeIndex): FunctionNode | undefined {
  for (let p = index.parent(node); p; p = index.parent(p)) if (/Function|Method/.test(p.type) && p.type !== 'TSDeclareFunction') return p as FunctionNode;
  return undefined;
}
