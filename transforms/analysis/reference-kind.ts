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
 * mutating method; otherwise 'read' with the identifier's parent expression.
 */
export function classifyUse(id: Node, parentOf: ParentOf): { kind: 'read' | 'mutate'; site: Node } {
  let top: Node = id;
  let parent = parentOf(top);
  while (parent && (TRANSPARENT.has(parent.type) ||
    ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === top))) {
    top = parent;
    parent = parentOf(top);
  }
  if (!parent) return { kind: 'read', site: id };
  const isMember = top !== id && (top.type === 'MemberExpression' || top.type === 'OptionalMemberExpression');
  if (isMember) {
    if (parent.type === 'AssignmentExpression' && parent.left === top) return { kind: 'mutate', site: parent };
    if (parent.type === 'UpdateExpression') return { kind: 'mutate', site: parent };
    if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'mutate', site: parent };
    if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === top) {
      const member = top as Extract<Node, { type: 'MemberExpression' }>;
      const method = !member.computed && member.property.type === 'Identifier' ? member.property.name
        : member.property.type === 'StringLiteral' ? member.property.value : null;
      if (method && MUTATING_METHODS.has(method)) return { kind: 'mutate', site: parent };
    }
  }
  if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.arguments[0] === top) {
    const callee = dottedName(parent.callee);
    if (callee && MUTATING_FUNCTIONS.has(callee)) return { kind: 'mutate', site: parent };
  }
  return { kind: 'read', site: parentOf(id) ?? id };
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
