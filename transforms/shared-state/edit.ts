// Small AST edits shared by the shared-state rewrites. They mutate nodes in place so recast
// reprints only what changed.
import type { Identifier, Node, Statement } from '@babel/types';
import { type NodeIndex, VISITOR_KEYS } from '../analysis/walk';
import { moveLeadingComments } from '../analysis/recast-print';

const POSITION_KEYS = new Set(['loc', 'start', 'end', 'range', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original', 'extra']);

/** A position-free deep copy: recast prints it as new code. */
export function cloneNode<T extends Node>(node: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (POSITION_KEYS.has(key)) continue;
    if (Array.isArray(value)) copy[key] = value.map((v) => (v && typeof v === 'object' && 'type' in v ? cloneNode(v as Node) : v));
    else if (value && typeof value === 'object' && 'type' in value) copy[key] = cloneNode(value as Node);
    else copy[key] = value;
  }
  return copy as T;
}

/** The statement list holding `stmt` (a block, program or switch case body), or null. */
export function statementList(stmt: Node, index: NodeIndex): Statement[] | null {
  const parent = index.parent(stmt);
  if (!parent) return null;
  if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock') return parent.body as Statement[];
  if (parent.type === 'SwitchCase') return parent.consequent;
  return null;
}

// the leading comments of `from` describe what now comes first
export { moveLeadingComments };

/** Inserts statements before `anchor` in its list and moves the anchor's leading comments to the first. */
export function insertBefore(list: Statement[], anchor: Statement, statements: Statement[]): void {
  const i = list.indexOf(anchor);
  if (i === -1) throw new Error('shared-state: anchor statement not in its list');
  moveLeadingComments(anchor, statements[0]);
  for (const s of statements) borrowLayout(s, anchor);
  list.splice(i, 0, ...statements);
}

/** Removes a statement; its leading comments move to the statement that now takes its place. */
export function removeStatement(list: Statement[], stmt: Statement): void {
  const i = list.indexOf(stmt);
  if (i === -1) return;
  if (list[i + 1]) moveLeadingComments(stmt, list[i + 1]);
  list.splice(i, 1);
}

/**
 * Replaces a reference (an Identifier) by `replacement`, keeping `{ name }` shorthand valid:
 * `{ total }` → `{ total: replacement }`, or `{ total }` again when the replacement is an identifier named like the key.
 */
export function replaceReference(ref: Identifier, replacement: Node, index: NodeIndex): void {
  const parent = index.parent(ref);
  if (!parent) throw new Error('shared-state: reference without parent');
  if (parent.type === 'ObjectProperty' && parent.shorthand && parent.value === ref) {
    parent.value = replacement as never;
    parent.shorthand = replacement.type === 'Identifier' && replacement.name === ref.name;
    if (!parent.shorthand) parent.key = { type: 'Identifier', name: ref.name } as never;
    return;
  }
  if (parent.type === 'ObjectProperty' && !parent.shorthand && parent.value === ref && replacement.type === 'Identifier') {
    const key = parent.key;
    if (!parent.computed && key.type === 'Identifier' && key.name === replacement.name) parent.shorthand = true;
  }
  for (const key of VISITOR_KEYS[parent.type] ?? []) {
    const value = (parent as unknown as Record<string, unknown>)[key];
    if (value === ref) {
      (parent as unknown as Record<string, unknown>)[key] = replacement;
      return;
    }
    if (Array.isArray(value)) {
      const i = value.indexOf(ref);
      if (i !== -1) {
        value[i] = replacement;
        return;
      }
    }
  }
  throw new Error('shared-state: reference not found in its parent');
}

/**
 * Document order of a tree, by walking it (not by source offsets: a transform that ran earlier in
 * the same pass may have added nodes that have none).
 */
export interface TreeOrder {
  /** `inner` is `outer` or lies inside it */
  within(inner: Node, outer: Node): boolean;
  /** `a` starts after the whole of `b` */
  after(a: Node, b: Node): boolean;
}

export function treeOrder(root: Node): TreeOrder {
  const first = new Map<Node, number>();
  const last = new Map<Node, number>();
  let counter = 0;
  const walk = (node: Node) => {
    first.set(node, counter++);
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as Node).type === 'string') walk(c as Node);
      } else if (child && typeof (child as Node).type === 'string') walk(child as Node);
    }
    last.set(node, counter - 1);
  };
  walk(root);
  const pos = (n: Node) => first.get(n) ?? -1;
  return {
    within: (inner, outer) => pos(inner) >= pos(outer) && pos(inner) <= (last.get(outer) ?? -2),
    after: (a, b) => pos(a) > (last.get(b) ?? Infinity),
  };
}

/**
 * treeOrder(root) for a tree that no longer changes, from the parent links of its node index
 * (built by the same walk) instead of a walk of its own: a climb from each node asked about, so
 * most files, which ask a few questions or none, never number the whole tree.
 */
export function indexedTreeOrder(root: Node, index: NodeIndex): TreeOrder {
  // treeOrder numbers only what its walk reaches: the root and what has a parent link
  const inTree = (n: Node) => n === root || index.parent(n) !== undefined;
  const depth = (n: Node) => {
    let d = 0;
    for (let p = index.parent(n); p; p = index.parent(p)) d++;
    return d;
  };
  const within = (inner: Node, outer: Node): boolean => {
    if (!inTree(inner)) return false;
    for (let n: Node | undefined = inner; n; n = index.parent(n)) if (n === outer) return true;
    return false;
  };
  // a after b: a does not lie inside b, nor b inside a, and below their common ancestor a's branch comes later
  const after = (a: Node, b: Node): boolean => {
    if (!inTree(a) || !inTree(b)) return false;
    let x = a;
    let y = b;
    let dx = depth(a);
    let dy = depth(b);
    for (; dx > dy; dx--) x = index.parent(x)!;
    for (; dy > dx; dy--) y = index.parent(y)!;
    if (x === y) return false; // one contains the other
    for (let px = index.parent(x)!, py = index.parent(y)!; px !== py; px = index.parent(px)!, py = index.parent(py)!) {
      x = px;
      y = py;
    }
    return childRank(index.parent(x)!, x) > childRank(index.parent(x)!, y);
  };
  return { within, after };
}

/** Where `child` comes among `parent`'s children, in the order treeOrder walks them. */
function childRank(parent: Node, child: Node): number {
  let rank = 0;
  for (const key of VISITOR_KEYS[parent.type] ?? []) {
    const value = (parent as unknown as Record<string, unknown>)[key];
    if (value === child) return rank;
    if (Array.isArray(value)) {
      const i = value.indexOf(child);
      if (i !== -1) return rank + i;
      rank += value.length;
    } else rank++;
  }
  return rank;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Gives a new statement the layout position of the statements it replaces, so recast keeps the
 * original line spacing around it instead of surrounding a new multi-line statement with blank lines.
 */
export function borrowLayout(node: Node, first: Node, last: Node = first): void {
  if (!first.loc || !last.loc) return;
  (node as { loc: unknown }).loc = { ...first.loc, start: first.loc.start, end: last.loc.end };
}
