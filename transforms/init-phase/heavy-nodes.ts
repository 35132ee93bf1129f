// The heavy calls of a file, found once per analysis from the node index: every plan that asks
// "is this node a heavy call?" looks it up here instead of classifying it again.
import type { Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { memoOn } from '../analysis/memo';
import { isInside } from '../analysis/walk';
import { heavyCallKind, type HeavyKind } from './heavy-calls';
import { factsOf } from './module-facts';

const HEAVY_NODES = {};

/** heavyCallKind of every call and `new` of the file that has one (heavyCallKind is null for every other node). */
export function heavyNodes(analysis: FileAnalysis): Map<Node, HeavyKind> {
  return memoOn(analysis, HEAVY_NODES, () => {
    const facts = factsOf(analysis);
    const kinds = new Map<Node, HeavyKind>();
    for (const type of ['CallExpression', 'NewExpression'] as const) {
      for (const node of analysis.index.ofType(type)) {
        const kind = heavyCallKind(node, facts);
        if (kind) kinds.set(node, kind);
      }
    }
    return kinds;
  });
}

/** Is there a heavy call anywhere inside `root`? */
export function hasHeavyInside(analysis: FileAnalysis, root: Node): boolean {
  for (const node of heavyNodes(analysis).keys()) if (isInside(analysis.index, node, root)) return true;
  return false;
}
