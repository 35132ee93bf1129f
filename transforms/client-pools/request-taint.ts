// Does an expression read request data? The tainted names come from functionFacts(…).requestTaint:
// a function's parameters, parameters of functions nested in it (callbacks over records), and
// anything declared or assigned in it from those, to a fixpoint. Decided by data flow, never by
// names like `event`.
import type { Node } from '@babel/types';
import { visit } from '../analysis/walk';
import { isReference } from './scope';

/** Does `node` refer to any of `names` (as a variable, not a property key or label)? */
export function mentionsAny(node: Node | null | undefined, names: Set<string>): boolean {
  if (!node) return false;
  let hit = false;
  visit(node, (n, parent) => {
    if (hit) return false;
    if (n.type === 'Identifier' && names.has(n.name) && isReference(n, parent)) hit = true;
  });
  return hit;
}
