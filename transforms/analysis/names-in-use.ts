// Every identifier name a file declares or references (not property keys), so a new
// module-level binding never collides with, or shadows, a name already in use anywhere.
import type { Node } from '@babel/types';
import { visit } from './walk';

export function namesInUse(root: Node, skip?: Node): Set<string> {
  const names = new Set<string>();
  visit(root, (node, parent) => {
    if (node === skip) return false;
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') {
      if (!parent || !isPropertyKey(node, parent)) names.add(node.name);
    }
    return undefined;
  });
  return names;
}

/** `a.b` (b), `{ b: 1 }` (b), `class { b() {} }` (b) are names of properties, not bindings. */
export function isPropertyKey(node: Node, parent: Node): boolean {
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'JSXMemberExpression':
      return parent.property === node && !('computed' in parent && parent.computed);
    case 'ObjectProperty':
      return parent.key === node && !parent.computed && !parent.shorthand;
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return parent.key === node && !parent.computed;
    case 'JSXAttribute':
      return parent.name === node;
    case 'TSQualifiedName':
      return parent.right === node;
    default:
      return false;
  }
}

/** `name`, else `name2`, `name3`… whichever is free; the chosen name is added to `taken`. */
export function freeName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}${i}`;
  taken.add(candidate);
  return candidate;
}
