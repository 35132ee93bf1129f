// Which `return <expr>` of an async handler the rewrite turns into `return await <expr>`: inside
// try/finally, a returned promise would otherwise settle after the directory is removed.
import type { Node } from '@babel/types';

// methods that never return a promise: `return (await readFile(p)).toString()` needs no await
const SYNC_METHODS = new Set(['toString', 'toJSON', 'join', 'trim', 'split', 'slice', 'map', 'filter', 'stringify', 'parse', 'from']);

export function mayBePromise(expr: Node): boolean {
  if (expr.type === 'NewExpression') return true;
  if (expr.type === 'ConditionalExpression') return mayBePromise(expr.consequent) || mayBePromise(expr.alternate);
  if (expr.type === 'LogicalExpression') return mayBePromise(expr.left) || mayBePromise(expr.right);
  if (expr.type !== 'CallExpression' && expr.type !== 'OptionalCallExpression') return false;
  const callee = expr.callee;
  const method = (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed &&
    callee.property.type === 'Identifier' ? callee.property.name : null;
  return !(method && SYNC_METHODS.has(method));
}
