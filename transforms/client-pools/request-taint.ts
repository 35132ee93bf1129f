// Which names inside a per-invocation function carry request data: its parameters, parameters
// of functions nested in it (callbacks over records), and anything declared or assigned in it
// from those, to a fixpoint. Decided by data flow, never by names like `event`.
import type { Node } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import { visit } from '../analysis/walk';
import { isReference, patternNames } from './scope';

function mentions(node: Node | null | undefined, names: Set<string>): boolean {
  if (!node) return false;
  let hit = false;
  visit(node, (n, parent) => {
    if (hit) return false;
    if (n.type === 'Identifier' && names.has(n.name) && isReference(n, parent)) hit = true;
  });
  return hit;
}

export function requestTaint(fn: FunctionNode): Set<string> {
  const tainted = new Set<string>();
  visit(fn, (node) => {
    if (isFunction(node)) for (const p of node.params) for (const id of patternNames(p)) tainted.add(id.name);
  });
  for (let changed = true; changed; ) {
    changed = false;
    const taint = (targets: Node | null | undefined) => {
      for (const id of patternNames(targets)) {
        if (!tainted.has(id.name)) {
          tainted.add(id.name);
          changed = true;
        }
      }
    };
    visit(fn.body, (node) => {
      if (node.type === 'VariableDeclarator' && mentions(node.init, tainted)) taint(node.id);
      else if (node.type === 'AssignmentExpression' && mentions(node.right, tainted)) taint(node.left);
      else if ((node.type === 'ForOfStatement' || node.type === 'ForInStatement') && mentions(node.right, tainted)) {
        taint(node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left);
      }
    });
  }
  return tainted;
}

export function mentionsAny(node: Node | null | undefined, names: Set<string>): boolean {
  return mentions(node, names);
}
