// Gives one handler a per-invocation directory:
//   const tmpDir = await mkdtemp(join(tmpdir(), '<prefix>-'));
//   <module path constants re-declared inside it>
//   try { <original body, paths pointed into tmpDir> } finally { await rm(tmpDir, { recursive: true, force: true }); }
import type { JSCodeshift } from 'jscodeshift';
import type { BlockStatement, CallExpression, ExpressionStatement, File as BabelFile, Node, Statement } from '@babel/types';
import { cloneNode } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import type { Callable } from './callables';
import type { EvalEnv } from './evaluate';
import type { HandlerFix } from './plan';
import { mayBePromise } from './may-be-promise';
import { replaceChild } from '../analysis/replace-child';
import { rewriteSite } from './rewrite-site';

export interface HandlerRewriteContext {
  j: JSCodeshift;
  call: Callable;
  env: EvalEnv;
  index: NodeIndex;
  dir: string;
}

/** Rewrites the handler; returns the statements that re-declare module constants (by name). */
export function rewriteHandler(fix: HandlerFix, ctx: HandlerRewriteContext): Map<string, Statement> {
  const { j, dir } = ctx;
  const site = { j, env: ctx.env, call: ctx.call, dir };
  for (const node of fix.sites) {
    const parent = ctx.index.parent(node);
    const replacement = rewriteSite(node, site);
    if (parent && replacement !== node) replaceChild(parent, node, replacement);
  }
  const fn = fix.fn;
  if (fn.body.type !== 'BlockStatement') fn.body = j.blockStatement([j.returnStatement(fn.body as never)]) as unknown as BlockStatement;
  const body = fn.body as BlockStatement;
  if (fn.async) awaitReturns(body, j);

  const shadows = new Map<string, Statement>();
  for (const v of fix.moduleVars) {
    const init = rewriteSite(cloneNode(v.init, true, true), site);
    const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(v.name), init as never)]) as unknown as Statement;
    shadows.set(v.name, decl);
  }
  const base = j.callExpression(ctx.call('path', 'join') as never, [
    j.callExpression(ctx.call('os', 'tmpdir') as never, []),
    j.stringLiteral(`${fix.prefix}-`),
  ]);
  const options = removeOptions(j);
  const make = fn.async
    ? j.awaitExpression(j.callExpression(ctx.call('fs/promises', 'mkdtemp') as never, [base]))
    : j.callExpression(ctx.call('fs', 'mkdtempSync') as never, [base]);
  const remove = fn.async
    ? j.awaitExpression(j.callExpression(ctx.call('fs/promises', 'rm') as never, [j.identifier(dir), options as never]))
    : j.callExpression(ctx.call('fs', 'rmSync') as never, [j.identifier(dir), options as never]);
  const tryStatement = j.tryStatement(
    j.blockStatement(body.body as never),
    null,
    j.blockStatement([j.expressionStatement(remove)]),
  );
  body.body = [
    j.variableDeclaration('const', [j.variableDeclarator(j.identifier(dir), make)]) as unknown as Statement,
    ...shadows.values(),
    tryStatement as unknown as Statement,
  ];
  return shadows;
}

/** `return f()` inside try/finally would remove the directory before the promise settles: `return await f()`. */
function awaitReturns(body: Node, j: JSCodeshift): void {
  const walk = (n: Node) => {
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'original') continue;
      const child = (n as unknown as Record<string, unknown>)[key];
      const list = Array.isArray(child) ? child : [child];
      for (const c of list) {
        if (!c || typeof (c as Node).type !== 'string' || isFunction(c as Node)) continue;
        const node = c as Node;
        if (node.type === 'ReturnStatement' && node.argument && mayBePromise(node.argument)) {
          node.argument = j.awaitExpression(node.argument as never) as never;
        }
        walk(node);
      }
    }
  };
  walk(body);
}

/** `{ recursive: true, force: true }` parsed rather than built, so recast prints it on one line. */
function removeOptions(j: JSCodeshift): Node {
  // parsed rather than built, so it prints on one line as written (recast breaks built objects over lines)
  const program = (j('rm(dir, { recursive: true, force: true })').get().node as BabelFile).program;
  const call = (program.body[0] as ExpressionStatement).expression as CallExpression;
  return call.arguments[1];
}
