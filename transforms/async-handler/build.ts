// Node builders for the rewrites (recast keeps everything it is not handed).
import type { JSCodeshift } from 'jscodeshift';
import type { Expression, Node, Statement } from '@babel/types';
import type { Completion } from './completion';
import type { PromiseSettle } from './edits';

type AnyNode = never;

export function completionStatements(j: JSCodeshift, c: Completion): Statement[] {
  if (c.kind === 'return') return [j.returnStatement(c.value as AnyNode) as unknown as Statement];
  if (c.kind === 'throw') return [j.throwStatement(c.error as AnyNode) as unknown as Statement];
  const test = j.binaryExpression('!=', c.error as AnyNode, j.nullLiteral());
  return [
    j.ifStatement(test, j.blockStatement([j.throwStatement(c.error as AnyNode)])) as unknown as Statement,
    j.returnStatement(c.value as AnyNode) as unknown as Statement,
  ];
}

export function settleExpression(j: JSCodeshift, s: PromiseSettle, names: { resolve: string; reject: string }): Expression {
  const resolve = (v: Node | null) => j.callExpression(j.identifier(names.resolve), v ? [v as AnyNode] : []);
  const reject = (e: Node) => j.callExpression(j.identifier(names.reject), [e as AnyNode]);
  if (s.kind === 'resolve') return resolve(s.value) as unknown as Expression;
  if (s.kind === 'reject') return reject(s.error) as unknown as Expression;
  return j.conditionalExpression(j.binaryExpression('!=', s.error as AnyNode, j.nullLiteral()), reject(s.error), resolve(s.value)) as unknown as Expression;
}

/** `(err, result) => (err != null ? reject(err) : resolve(result))` */
export function nodeCallbackAdapter(j: JSCodeshift, names: { resolve: string; reject: string }): Expression {
  const settle = settleExpression(j, { kind: 'either', error: j.identifier('err') as unknown as Node, value: j.identifier('result') as unknown as Node }, names);
  return j.arrowFunctionExpression([j.identifier('err'), j.identifier('result')], settle as AnyNode) as unknown as Expression;
}

/** `return new Promise((resolve, reject) => { body });` */
export function promiseWrapper(j: JSCodeshift, body: Statement, names: { resolve: string; reject: string }): Statement {
  const executor = j.arrowFunctionExpression([j.identifier(names.resolve), j.identifier(names.reject)], j.blockStatement([body as AnyNode]));
  return j.returnStatement(j.newExpression(j.identifier('Promise'), [executor])) as unknown as Statement;
}

/** An arrow function body: an object literal needs parentheses (kept as written otherwise). */
export function arrowBody(j: JSCodeshift, value: Node): Node {
  return value.type === 'ObjectExpression' ? (j.parenthesizedExpression(value as AnyNode) as unknown as Node) : value;
}
