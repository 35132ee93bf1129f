// What an occurrence of a module binding does to it: reads it, rebinds it, or changes the
// object it holds (`x.y = 1`, `x.push(v)`, `delete x.k`, `Object.assign(x, …)`).
import type { Node } from '@babel/types';
import { dottedName } from './ast';

export type ReferenceKind = 'read' | 'write' | 'mutate';

export const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'set', 'delete', 'clear', 'add', 'sort', 'reverse', 'fill', 'copyWithin',
]);

const MUTATING_FUNCTIONS = new Set([
  'Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf',
  'Reflect.set', 'Reflect.deleteProperty', 'Reflect.defineProperty',
]);

const TRANSPARENT = new Set(['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

type ParentOf = (node: Node) => Node | undefined;

/**
 * For an identifier that reads a binding: 'mutate' with the mutating expression when the member
 * chain it starts is assigned, deleted, updated, passed to Object.assign & co, or called with a
 * mutating method (`readsFirst` when it is a compound assignment or an update, which read the
 * old value first); otherwise 'read' with the identifier's parent expression.
 */
export interface Use {
  kind: 'read' | 'mutate';
  site: Node;
  /** a compound assignment or update: it reads the old value first */
  readsFirst?: boolean;
  /**
   * static property names from the binding to what is read or changed: `x.a.b = 1` → ['a', 'b'],
   * `x.items.push(v)` / `x.get(k)` → ['items'] / [] (a method acts on its object), `use(x)` → [];
   * stops at a computed key (`x[k].n` → [])
   */
  members: string[];
}

export function classifyUse(id: Node, parentOf: ParentOf): Use {
  let top: Node = id;
  let parent = parentOf(top);
  const members: string[] = [];
  let staticChain = true;
  while (parent && (TRANSPARENT.has(parent.type) ||
    ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === top))) {
    if (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') {
      const name = memberName(parent);
      if (name === null) staticChain = false;
      else if (staticChain) members.push(name);
    }
    top = parent;
    parent = parentOf(top);
  }
  const isCallee = !!parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === top;
  const method = isCallee && top !== id ? memberName(top) : null;
  // the called method is not part of the state: `x.get(k)` reads x, `x.items.push(v)` changes x.items
  if (isCallee && top !== id && staticChain && members.length) members.pop();
  if (!parent) return { kind: 'read', site: id, members };
  const isMember = top !== id && (top.type === 'MemberExpression' || top.type === 'OptionalMemberExpression');
  if (isMember) {
    // `x.n += v`, `x.n ??= v` and `x.n++` read the property before they write it
    if (parent.type === 'AssignmentExpression' && parent.left === top) return { kind: 'mutate', site: parent, readsFirst: parent.operator !== '=', members };
    if (parent.type === 'UpdateExpression') return { kind: 'mutate', site: parent, readsFirst: true, members };
    if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'mutate', site: parent, members };
    if (method && MUTATING_METHODS.has(method)) return { kind: 'mutate', site: parent, members };
  }
  if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.arguments[0] === top) {
    const callee = dottedName(parent.callee);
    if (callee && MUTATING_FUNCTIONS.has(callee)) return { kind: 'mutate', site: parent, members };
  }
  return { kind: 'read', site: parentOf(id) ?? id, members };
}

function memberName(node: Node): string | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : null;
}

/** Two member paths can touch the same state when one is a prefix of the other. */
export function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Identifiers bound by an assignment/declaration target (`x`, `[x, { y }]`, `{ ...z }`). */
export function targetIdentifiers(target: Node | null | undefined, out: Node[] = []): Node[] {
  if (!target) return out;
  switch (target.type) {
    case 'Identifier':
      out.push(target);
      break;
    case 'ObjectPattern':
      for (const p of target.properties) targetIdentifiers(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of target.elements) targetIdentifiers(e, out);
      break;
    case 'AssignmentPattern':
      targetIdentifiers(target.left, out);
      break;
    case 'RestElement':
      targetIdentifiers(target.argument, out);
      break;
    case 'VariableDeclaration':
      for (const d of target.declarations) targetIdentifiers(d.id, out);
      break;
    case 'VariableDeclarator':
      targetIdentifiers(target.id, out);
      break;
    default:
      if (TRANSPARENT.has(target.type)) targetIdentifiers((target as { expression: Node }).expression, out);
  }
  return out;
}
