// Control-flow questions about one statement inside a function: is it the last thing the
// function runs (so `return`/`throw` there changes nothing else), and is it inside a `try`.
import type { Node, Statement } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';

/** Statements that run nothing when reached last (hoisted declarations, empty statements). */
function isInert(stmt: Statement): boolean {
  return stmt.type === 'FunctionDeclaration' || stmt.type === 'EmptyStatement';
}

/** The statement after `stmt` in its block (inert statements skipped), or null. */
export function nextStatement(stmt: Statement, index: NodeIndex): Statement | null {
  const parent = index.parent(stmt);
  if (!parent || (parent.type !== 'BlockStatement' && parent.type !== 'SwitchCase')) return null;
  // a case's statements are followed by nothing of its own (fall-through is the switch's business)
  const list = parent.type === 'BlockStatement' ? parent.body : parent.consequent;
  const at = list.indexOf(stmt);
  for (let i = at + 1; i < list.length; i++) if (!isInert(list[i])) return list[i];
  return null;
}

/** True when nothing in `fn` runs after `stmt` completes normally. */
export function isTail(stmt: Statement, fn: FunctionNode, index: NodeIndex): boolean {
  let node: Node = stmt;
  for (;;) {
    const parent = index.parent(node);
    if (!parent) return false;
    switch (parent.type) {
      case 'BlockStatement':
        if (nextStatement(node as Statement, index)) return false;
        if (parent === fn.body) return true;
        break;
      case 'IfStatement':
        if ((parent.test as Node) === node) return false;
        break;
      case 'TryStatement':
        if (parent.finalizer) return false;
        break;
      case 'SwitchCase': {
        // the last statement of the last case leaves the switch
        if (nextStatement(node as Statement, index)) return false;
        const sw = index.parent(parent);
        if (sw?.type !== 'SwitchStatement' || sw.cases[sw.cases.length - 1] !== parent) return false;
        break;
      }
      case 'SwitchStatement':
      case 'CatchClause':
      case 'LabeledStatement':
        break;
      default:
        return false;
    }
    node = parent;
  }
}

/** True when `node` sits in the `try` block of a try/catch inside `fn` (a throw there is caught). */
export function isInsideTryBlock(node: Node, fn: FunctionNode, index: NodeIndex): boolean {
  let child: Node = node;
  for (let parent = index.parent(node); parent && child !== fn; child = parent, parent = index.parent(parent)) {
    if (parent.type === 'TryStatement' && parent.block === child && parent.handler) return true;
  }
  return false;
}

/** The nearest function around `node` (or undefined at module level). */
export function ownerFunction(node: Node, index: NodeIndex): FunctionNode | undefined {
  for (let p = index.parent(node); p; p = index.parent(p)) {
    if (
      p.type === 'FunctionDeclaration' ||
      p.type === 'FunctionExpression' ||
      p.type === 'ArrowFunctionExpression' ||
      p.type === 'ObjectMethod' ||
      p.type === 'ClassMethod' ||
      p.type === 'ClassPrivateMethod'
    ) {
      return p;
    }
  }
  return undefined;
}
