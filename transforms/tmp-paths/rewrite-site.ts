// Points one /tmp path expression into the per-invocation directory, keeping what makes it
// recognisable: '/tmp/report.csv' → join(tmpDir, 'report.csv'); join('/tmp', x) → join(tmpDir, x);
// `/tmp/${NAME}.json` → `${tmpDir}/${NAME}.json`. Identifiers holding a fixed path are left alone:
// their declarations are rewritten (locals) or re-declared in the handler (module constants).
import { posix } from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import type { Expression, Node, TemplateLiteral } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import { moduleFunction, resolveCallee } from './callee';
import { TMP, tmpPathValue, type EvalEnv } from './evaluate';
import type { Callable } from './callables';

export interface SiteContext {
  j: JSCodeshift;
  env: EvalEnv;
  call: Callable;
  /** name of the per-invocation directory variable */
  dir: string;
}

/** The replacement for `node` (possibly `node` itself, changed in place). */
export function rewriteSite(node: Node, ctx: SiteContext): Node {
  const { j } = ctx;
  const value = tmpPathValue(node, ctx.env);
  if (!value) return node;
  if (value.kind === 'root') return j.identifier(ctx.dir) as Node;
  const n = unwrapExpression(node)!;
  if (n.type === 'Identifier') return node;
  if (n.type === 'StringLiteral') {
    if (n.value.endsWith('/')) return templateUnder(ctx, n.value.slice(TMP.length));
    return joinDir(ctx, posix.relative(TMP, posix.normalize(n.value)));
  }
  if (n.type === 'CallExpression' && n.arguments.length > 0) {
    const fn = moduleFunction(resolveCallee(n.callee, ctx.env.facts, (name) => ctx.env.locals.get(name)));
    if (fn?.module === 'path' && (fn.fn === 'join' || fn.fn === 'resolve')) {
      n.arguments[0] = rewriteSite(n.arguments[0], ctx) as never;
      return node;
    }
  }
  if (n.type === 'TemplateLiteral') {
    const first = n.quasis[0];
    const cooked = first.value.cooked ?? '';
    if (cooked === TMP || cooked.startsWith(`${TMP}/`)) return splitTemplate(ctx, n);
    if (cooked === '' && n.expressions.length > 0) {
      n.expressions[0] = rewriteSite(n.expressions[0], ctx) as never;
      return node;
    }
  }
  if (n.type === 'BinaryExpression') {
    n.left = rewriteSite(n.left, ctx) as never;
    return node;
  }
  return value.kind === 'fixed' ? joinDir(ctx, posix.relative(TMP, value.path)) : node;
}

function joinDir(ctx: SiteContext, rel: string): Node {
  const { j } = ctx;
  return j.callExpression(ctx.call('path', 'join') as never, [j.identifier(ctx.dir), j.stringLiteral(rel)]) as Node;
}

/** '/tmp/out/' → `${tmpDir}/out/` */
function templateUnder(ctx: SiteContext, rest: string): Node {
  const { j } = ctx;
  const raw = rest.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);
  return j.templateLiteral(
    [j.templateElement({ raw: '', cooked: '' }, false), j.templateElement({ raw, cooked: rest }, true)],
    [j.identifier(ctx.dir)],
  ) as Node;
}

/** `/tmp/${NAME}.json` → `${tmpDir}/${NAME}.json` */
function splitTemplate(ctx: SiteContext, n: TemplateLiteral): Node {
  const { j } = ctx;
  const first = n.quasis[0];
  const raw = first.value.raw.slice(TMP.length);
  const cooked = (first.value.cooked ?? '').slice(TMP.length);
  const quasis = [
    j.templateElement({ raw: '', cooked: '' }, false),
    j.templateElement({ raw, cooked }, n.quasis.length === 1),
    ...n.quasis.slice(1),
  ];
  return j.templateLiteral(quasis as never, [j.identifier(ctx.dir), ...(n.expressions as Expression[])] as never) as Node;
}
