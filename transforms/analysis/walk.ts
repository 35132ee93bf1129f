// One cheap walk over a Babel AST: parent links and nodes grouped by type. Every rule of a
// file queries this index instead of walking the tree again.
import { VISITOR_KEYS as BABEL_VISITOR_KEYS, type Node } from '@babel/types';

/**
 * Each node type's child keys, read once for every walker of the tool: @babel/types' CommonJS
 * exports are getters, and one getter call per node was about a fifth of a walk's time.
 */
export const VISITOR_KEYS: Record<string, string[] | undefined> = BABEL_VISITOR_KEYS;

export interface NodeIndex {
  parent(node: Node): Node | undefined;
  ofType<T extends Node['type']>(type: T): Extract<Node, { type: T }>[];
}

// Trees nobody changes any more (the engine's raw parse while the rules run): one index each,
// shared by every caller (FileAnalysis.index and any rule that indexes the same root itself).
// The mark lives on the root itself (see memo.ts for why not in a WeakMap).
const READ_ONLY = Symbol('lmi-migrate.readOnly');
type Marked = Node & { [READ_ONLY]?: { index?: NodeIndex } };

/** Declares that `root`'s tree will not change from now on, so indexNodes(root) can be built once. */
export function markReadOnly(root: Node): void {
  const marked = root as Marked;
  if (!marked[READ_ONLY]) Object.defineProperty(marked, READ_ONLY, { value: {}, enumerable: false });
}

/** Was markReadOnly(root) called: will this tree stay as it is? */
export function isReadOnly(root: Node): boolean {
  return (root as Marked)[READ_ONLY] !== undefined;
}

export function indexNodes(root: Node): NodeIndex {
  const shared = (root as Marked)[READ_ONLY];
  if (shared) return (shared.index ??= buildIndex(root));
  return buildIndex(root);
}

// what ofType returns for a type the file lacks (asked often): one shared, frozen empty list
const NONE: readonly Node[] = Object.freeze([]);

function buildIndex(root: Node): NodeIndex {
  const parents = new Map<Node, Node>();
  const byType = new Map<string, Node[]>();
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    let list = byType.get(node.type);
    if (!list) byType.set(node.type, (list = []));
    list.push(node);
    const keys = VISITOR_KEYS[node.type] ?? [];
    // push children in reverse so lists come out in source order
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as Node | null;
          if (c && typeof c.type === 'string') {
            parents.set(c, node);
            stack.push(c);
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        parents.set(child as Node, node);
        stack.push(child as Node);
      }
    }
  }
  return {
    parent: (node) => parents.get(node),
    ofType: (type) => (byType.get(type) ?? NONE) as never,
  };
}

/** Is `inner` `outer` itself or inside it (following the index's parent links)? */
export function isInside(index: NodeIndex, inner: Node, outer: Node): boolean {
  for (let p: Node | undefined = inner; p; p = index.parent(p)) if (p === outer) return true;
  return false;
}

/** Sorts nodes of one tree in depth-first (source) order: a node before its descendants, siblings by visitor keys. */
export function sortInTreeOrder<T extends Node>(nodes: T[], index: NodeIndex): T[] {
  if (nodes.length < 2) return nodes;
  const paths = new Map<Node, Node[]>();
  const pathOf = (node: Node) => {
    let path = paths.get(node);
    if (!path) {
      path = [];
      for (let p: Node | undefined = node; p; p = index.parent(p)) path.push(p);
      paths.set(node, path.reverse());
    }
    return path;
  };
  return nodes.sort((a, b) => compareTreeOrder(pathOf(a), pathOf(b)));
}

/** Two root-first ancestor paths: the ancestor first, else the earlier child of their lowest common ancestor. */
function compareTreeOrder(a: Node[], b: Node[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return a.length - b.length;
  const siblings = childrenOf(a[i - 1]);
  return siblings.indexOf(a[i]) - siblings.indexOf(b[i]);
}

/** Children of a node in source order (visitor keys only). */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as Node).type === 'string') out.push(c as Node);
    } else if (child && typeof (child as Node).type === 'string') out.push(child as Node);
  }
  return out;
}

/** Depth-first visit; return false from `enter` to skip a node's children. */
export function visit(node: Node, enter: (node: Node, parent: Node | undefined) => boolean | void, parent?: Node): void {
  if (enter(node, parent) === false) return;
  // childrenOf without the array: this runs on every node of every file
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return;
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as Node).type === 'string') visit(c as Node, enter, node);
    } else if (child && typeof (child as Node).type === 'string') visit(child as Node, enter, node);
  }
}
