// Performs the fs-await edit: the callback's body moves into the handler after
// `const data = await readFile(…)`, readFile coming from fs/promises.
import type { BlockStatement, Statement } from '@babel/types';
import { ensureImport, removeUnusedImport } from '../analysis/add-import';
import type { TransformContext } from '../types';
import type { Edit } from './edits';
import { replaceStatement } from './mutate';
import type { HandlerPlan } from './plan';

export function applyFsAwait(ctx: TransformContext, plan: HandlerPlan, edit: Extract<Edit, { kind: 'fs-await' }>): void {
  const { j } = ctx;
  const importCtx = { j, root: ctx.root, style: ctx.analysis.moduleStyle };
  // named once the old fs binding is gone, so `readFile` can keep its name (the placeholder
  // collides with nothing and keeps the old binding from looking used)
  const callee = j.identifier('__lmiMigrateFsPromisesCallee');
  const awaited = j.awaitExpression(j.callExpression(callee, edit.call.arguments.slice(0, -1) as never[]));
  const first = edit.result
    ? j.variableDeclaration(edit.reassigned ? 'let' : 'const', [j.variableDeclarator(j.identifier(edit.result), awaited)])
    : j.expressionStatement(awaited);
  const body = (edit.callback.body as BlockStatement).body.slice(1);
  replaceStatement(j, plan.index, edit.stmt, [first as unknown as Statement, ...body]);
  for (const name of [edit.method, '*', 'default']) removeUnusedImport(importCtx, 'fs', name);
  callee.name = ensureImport(importCtx, { source: 'node:fs/promises', named: [edit.method] })[edit.method];
}
