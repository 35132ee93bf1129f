// Binding patterns: the names a pattern declares, and whether an identifier sits in one.
import type { Node } from '@babel/types';
import type { NodeIndex } from '../analysis/walk';
import { patternNames } from '../analysis/ast';

/** shared with the other transforms: see analysis/ast.ts */
export { patternNames };

/**
 * The node that owns a binding pattern an identifier sits in (`{ a: [x] } = …` → the assignment),
 * with the pattern root; null when the identifier is not inside a pattern position.
 */
export function patternOwner(id: Node, index: NodeIndex): { owner: Node; root: Node } | null {
  let child: Node = id;
  for (let n = index.parent(id); n; child = n, n = index.parent(n)) {
    if (n.type === 'ObjectProperty' && n.value === child) {
      const obj = index.parent(n);
      if (obj?.type !== 'ObjectPattern') return null;
      continue;
    }
    if (n.type === 'ObjectPattern' || n.type === 'ArrayPattern' || n.type === 'RestElement') continue;
    if (n.type === 'AssignmentPattern') {
      if (n.left !== child) return null;
      continue;
    }
    return { owner: n, root: child };
  }
  return null;
}
