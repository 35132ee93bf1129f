// The "location" shapes the read-modify-write plans compare: `x`, `x.a`, `x['a']`, `x[key]`
// with a stable key, and a Map read `x.get(key)`.
import type { Node } from '@babel/types';
import { dottedName, unwrapExpression } from '../analysis/ast';
import { visit } from '../analysis/walk';

/** A string naming a location expression, or null when it has no stable shape. */
export function locationKey(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') {
    const obj = locationKey(n.object);
    if (!obj) return null;
    if (!n.computed && n.property.type === 'Identifier') return `${obj}.${n.property.name}`;
    const key = keyShape(n.property);
    return key ? `${obj}[${key}]` : null;
  }
  return null;
}

/** A computed key that means the same thing wherever it appears: a literal or a plain identifier. */
export function keyShape(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'StringLiteral') return JSON.stringify(n.value);
  if (n.type === 'NumericLiteral') return String(n.value);
  if (n.type === 'Identifier') return n.name;
  return null;
}

/** How a key is spelled (`event.account`): enough to recognise the same key, not to prove it unchanged. */
export function keyText(node: Node | null | undefined): string | null {
  return keyShape(node) ?? dottedName(node);
}

/** Identifier names used as computed keys in a location (they must not be reassigned). */
export function keyNames(node: Node): string[] {
  const out: string[] = [];
  let n = unwrapExpression(node);
  while (n && n.type === 'MemberExpression') {
    if (n.computed && n.property.type === 'Identifier') out.push(n.property.name);
    n = unwrapExpression(n.object);
  }
  return out;
}

/** True when some assignment or update in `scope` writes an identifier called `name`. */
export function writesName(scope: Node, name: string): boolean {
  let found = false;
  visit(scope, (n) => {
    if (found) return false;
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) found = true;
    if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name) found = true;
    if (n.type === 'AssignmentExpression' && n.left.type !== 'Identifier' && n.left.type !== 'MemberExpression') found = true;
    return undefined;
  });
  return found;
}
