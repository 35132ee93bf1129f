// `try { … } catch (e) { context.fail(e); }` becomes `try { … } catch (e) { throw e; }`, which
// is the try block alone: the block's statements replace the try statement.
import type { Node, TryStatement } from '@babel/types';
import { unwrapExpression, type FunctionNode } from '../analysis/ast';
import { namesInUse } from '../analysis/names-in-use';
import type { Edit } from './edits';
import { topLevelDeclared } from './plan-fs';
import type { PlanScope } from './scope';
import { ownerFunction } from './tail';

/** The try statement a planned `throw <catch param>` makes pointless, or null. */
function rethrowingTry(edit: Edit, scope: PlanScope): TryStatement | null {
  if (edit.kind !== 'completion' || edit.completion.kind !== 'throw' || edit.removeNext) return null;
  const body = scope.index.parent(edit.stmt);
  const clause = body && scope.index.parent(body);
  const tryStmt = clause && scope.index.parent(clause);
  if (body?.type !== 'BlockStatement' || body.body.length !== 1 || clause?.type !== 'CatchClause' || tryStmt?.type !== 'TryStatement') return null;
  if (tryStmt.finalizer || clause.param?.type !== 'Identifier') return null;
  const error = unwrapExpression(edit.completion.error);
  if (error?.type !== 'Identifier' || error.name !== clause.param.name) return null;
  // the block's declarations move one scope out: they must not meet a name used around it
  const owner = ownerFunction(tryStmt, scope.index) as FunctionNode;
  const around = namesInUse(owner as Node, tryStmt);
  if (topLevelDeclared(tryStmt.block.body).some((n) => around.has(n))) return null;
  return tryStmt;
}

export function planUnwrapTry(scope: PlanScope): void {
  for (const edit of [...scope.edits]) {
    const tryStmt = rethrowingTry(edit, scope);
    if (tryStmt) scope.edits.push({ kind: 'unwrap-try', stmt: tryStmt });
  }
}
