// Small, shared predicates over Babel nodes (work on raw and recast ASTs alike).
import type { Node, Expression, Function as BabelFunction } from '@babel/types';
import { VISITOR_KEYS, type NodeIndex } from './walk';

export type FunctionNode = BabelFunction;

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/** The innermost function around `node` (not `node` itself), following the index's parent links. */
export function enclosingFunction(node: Node, index: NodeIndex): FunctionNode | undefined {
  for (let p = index.parent(node); p; p = index.parent(p)) if (isFunction(p)) return p;
  return undefined;
}

/** Strips TS casts, non-null assertions, satisfies and parentheses. */
export function unwrapExpression(node: Node | null | undefined): Node | null | undefined {
  let n = node;
  while (
    n &&
    (n.type === 'TSAsExpression' ||
      n.type === 'TSSatisfiesExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'TSTypeAssertion' ||
      n.type === 'ParenthesizedExpression' ||
      n.type === 'TypeCastExpression')
  ) {
    n = (n as { expression: Node }).expression;
  }
  return n;
}

/** `a.b.c` for identifiers / member chains with static keys, else null. `this` → "this". */
export function dottedName(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const obj = dottedName(n.object);
    const prop = propertyName(n);
    return obj && prop ? `${obj}.${prop}` : null;
  }
  return null;
}

/** Static property name of a member expression (`a.b`, `a['b']`), else null. */
export function propertyName(node: Node): string | null {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return null;
  const p = node.property;
  if (!node.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'StringLiteral') return p.value;
  return null;
}

/** Callee of a call as a dotted name (`fs.promises.writeFile`), else null. */
export function calleeName(node: Node): string | null {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') {
    return null;
  }
  return dottedName(node.callee);
}

/** Value of a string literal or a template literal without expressions, else null. */
export function staticString(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? null;
  return null;
}

export function isIdentifier(node: Node | null | undefined, name?: string): boolean {
  return !!node && node.type === 'Identifier' && (name === undefined || node.name === name);
}

/** `require('x')` → 'x' */
export function requireSource(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n || n.type !== 'CallExpression' || !isIdentifier(n.callee, 'require')) return null;
  return n.arguments.length === 1 ? staticString(n.arguments[0] as Expression) : null;
}

/**
 * 1-based line and 0-based column of a node's start. recast sets `loc = null` on the declaration
 * right under an export (`export function f`, `export default …`): fall back to its first
 * descendant that has a location.
 */
export function position(node: Node): { line: number; column: number } {
  const located = withLocation(node, 0);
  return { line: located?.loc?.start.line ?? 1, column: located?.loc?.start.column ?? 0 };
}

function withLocation(node: Node, depth: number): Node | null {
  if (node.loc) return node;
  if (depth > 3) return null;
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    const first = Array.isArray(child) ? child.find((c) => c && typeof c.type === 'string') : child;
    if (first && typeof (first as Node).type === 'string') {
      const found = withLocation(first as Node, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Names introduced by a binding pattern (`a`, `{ a, b: c }`, `[d, ...e]`). */
export function patternNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : (p.value as Node), out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
  }
  return out;
}
