// Nodes parsed from a code template carry the template's positions; without them recast prints
// them fresh in the file's own style (indentation, quotes) instead of copying template text.
import type { Node } from '@babel/types';
import { childrenOf } from '../analysis/walk';

export function stripLocations<T extends Node>(node: T): T {
  const n = node as unknown as Record<string, unknown>;
  n.loc = null;
  n.start = undefined;
  n.end = undefined;
  delete n.original;
  // babel keeps comments in leadingComments; recast prints `comments`
  const leading = n.leadingComments as Array<Record<string, unknown>> | undefined;
  if (leading?.length) n.comments = leading.map((c) => ({ type: c.type, value: c.value, leading: true, trailing: false }));
  n.leadingComments = undefined;
  n.trailingComments = undefined;
  n.innerComments = undefined;
  for (const child of childrenOf(node)) stripLocations(child);
  return node;
}
