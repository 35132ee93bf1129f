// Rewrites callback, context.succeed/fail/done and synchronous handlers into async handlers,
// following planHandler's decisions exactly.
import type { CallExpression, File as BabelFile, Node, Statement } from '@babel/types';
import { removeUnusedImport } from '../analysis/add-import';
import { freeName, namesInUse } from '../analysis/names-in-use';
import type { TransformContext } from '../types';
import { arrowBody, completionStatements, nodeCallbackAdapter, promiseWrapper, settleExpression } from './build';
import type { Edit } from './edits';
import { removeStatement, replaceExpression, replaceStatement } from './mutate';
import { planFile, type HandlerPlan } from './plan';
import { handlerSuppressed, RULE_IDS } from './rule-lines';
import { applyFsAwait } from './apply-fs';
import { updateReturnType } from './ts-types';
import { removeUnusedTypeImport } from './type-imports';

const INNER: Edit['kind'][] = ['completion', 'arrow-body', 'drop-arg', 'drop-link', 'xray', 'exit-throw'];

function line(node: Node): number {
  return node.loc?.start.line ?? 0;
}

function applyEdit(ctx: TransformContext, plan: HandlerPlan, edit: Edit): void {
  const { j } = ctx;
  const { index, fn } = plan;
  switch (edit.kind) {
    case 'completion':
      replaceStatement(j, index, edit.stmt, completionStatements(j, edit.completion));
      if (edit.removeNext) removeStatement(j, index, edit.removeNext);
      return;
    case 'arrow-body': {
      const c = edit.completion;
      edit.fn.body = (c.kind === 'return' ? arrowBody(j, (c.value as Node | null) ?? (j.identifier('undefined') as unknown as Node)) : j.blockStatement(completionStatements(j, c) as never[])) as never;
      return;
    }
    case 'drop-link':
      replaceExpression(j, index, edit.call, (edit.call.callee as { object: Node }).object);
      return;
    case 'drop-arg':
      edit.call.arguments.splice(edit.index, 1);
      return;
    case 'return-statement':
      replaceStatement(j, index, edit.stmt, [j.returnStatement(edit.stmt.expression as never) as unknown as Statement]);
      return;
    case 'capture': {
      const c = edit.completion;
      if (c.kind === 'both') return;
      const value = c.kind === 'return' ? c.value : c.error;
      const taken = namesInUse(fn);
      if (!value) {
        removeStatement(j, index, edit.stmt);
        return;
      }
      const name = freeName(c.kind === 'return' ? 'response' : 'error', taken);
      const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), value as never)]) as unknown as Statement;
      replaceStatement(j, index, edit.stmt, [decl]);
      const end = c.kind === 'return' ? j.returnStatement(j.identifier(name)) : j.throwStatement(j.identifier(name));
      edit.body.body.push(end as unknown as Statement);
      return;
    }
    case 'promise-wrap': {
      const taken = namesInUse(fn);
      const names = { resolve: freeName('resolve', taken), reject: freeName('reject', taken) };
      for (const s of edit.settles) replaceExpression(j, index, s.call, settleExpression(j, s.settle, names));
      for (const p of edit.passes) replaceExpression(j, index, p, nodeCallbackAdapter(j, names));
      const inner = edit.stmt.type === 'ReturnStatement' ? (edit.stmt.argument as Node) : (edit.stmt as { expression: Node }).expression;
      replaceStatement(j, index, edit.stmt, [promiseWrapper(j, j.expressionStatement(inner as never) as unknown as Statement, names)]);
      return;
    }
    case 'fs-await':
      applyFsAwait(ctx, plan, edit);
      return;
    case 'sdk-promise': {
      const call = edit.call as CallExpression;
      call.arguments.pop();
      const promise = j.callExpression(j.memberExpression(call as never, j.identifier('promise')), []);
      replaceStatement(j, index, edit.stmt, [j.returnStatement(promise) as unknown as Statement]);
      return;
    }
    case 'unwrap-try':
      replaceStatement(j, index, edit.stmt, edit.stmt.block.body);
      return;
    case 'delete-statement':
      removeStatement(j, index, edit.stmt, edit.comment);
      return;
    case 'exit-throw': {
      const arg = edit.call.arguments[0];
      const code = arg?.type === 'NumericLiteral' ? String(arg.value) : '';
      const error = j.newExpression(j.identifier('Error'), [j.stringLiteral(`process.exit(${code}) called in the handler`)]);
      replaceStatement(j, index, edit.stmt, [j.throwStatement(error) as unknown as Statement]);
      return;
    }
    case 'xray':
      replaceExpression(j, index, edit.node, j.memberExpression(j.identifier(edit.context), j.identifier('xRayTraceId')) as unknown as Node);
      return;
  }
}

function applyPlan(ctx: TransformContext, plan: HandlerPlan): boolean {
  const { j } = ctx;
  const independent = plan.independent.filter((e) =>
    e.kind === 'exit-throw' ? !ctx.isSuppressed(RULE_IDS.exit, line(e.call)) : e.kind === 'xray' ? !ctx.isSuppressed(RULE_IDS.xray, line(e.node)) : true,
  );
  const convert = (plan.kind === 'callback' || plan.kind === 'sync' || plan.edits.length > 0) && plan.problems.length === 0 && !handlerSuppressed(plan, ctx.isSuppressed);
  const edits = [...(convert ? plan.edits : []), ...independent];
  // inner nodes first, statements next, and try blocks last (unwrapping moves statements)
  for (const e of edits) if (INNER.includes(e.kind)) applyEdit(ctx, plan, e);
  for (const e of edits) if (!INNER.includes(e.kind) && e.kind !== 'unwrap-try') applyEdit(ctx, plan, e);
  for (const e of edits) if (e.kind === 'unwrap-try') applyEdit(ctx, plan, e);
  if (!convert) return edits.length > 0;
  const fn = plan.fn;
  const returnsValue = plan.edits.some(
    (e) => (e.kind === 'completion' || e.kind === 'capture' || e.kind === 'arrow-body') && e.completion.kind !== 'throw' && e.completion.value,
  );
  if (plan.kind === 'callback') {
    updateReturnType(j, fn, fn.params[2], returnsValue);
    fn.params.splice(2);
  } else if (!fn.async) updateReturnType(j, fn, undefined, returnsValue);
  fn.async = true;
  return true;
}

export function applyAsyncHandler(ctx: TransformContext): boolean {
  const ast = ctx.analysis.ast as BabelFile;
  let changed = false;
  for (const plan of planFile(ast, ctx.analysis.handlers, ctx.file, ctx.analysis.index)) if (applyPlan(ctx, plan)) changed = true;
  if (changed && /\.[cm]?tsx?$/.test(ctx.file)) {
    removeUnusedImport({ j: ctx.j, root: ctx.root, style: ctx.analysis.moduleStyle }, 'aws-lambda', 'Callback');
    removeUnusedTypeImport(ast, 'aws-lambda', 'Callback');
  }
  return changed;
}
