// Small, formatting-friendly AST edits on either AST flavour: remove a statement (and an
// emptied `finally` with it), replace a child node, find the list a statement lives in.
import type { Node, Statement, TryStatement } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { replaceChild as replaceChildOf } from '../analysis/replace-child';

/** The array that holds `stmt` (block body, program body, switch case), or null. */
export function statementList(stmt: Node, analysis: FileAnalysis): Statement[] | null {
  const parent = analysis.index.parent(stmt);
  if (!parent) return null;
  if (parent.type === 'BlockStatement' || parent.type === 'Program') return parent.body;
  if (parent.type === 'SwitchCase') return parent.consequent;
  return null;
}

/** The statement a call sits in when it is used only for its effect (`x.end();`, `await x.end();`). */
export function effectStatement(call: Node, analysis: FileAnalysis): Statement | null {
  let n = analysis.index.parent(call);
  let child: Node = call;
  if (n?.type === 'AwaitExpression') {
    child = n;
    n = analysis.index.parent(n);
  }
  return n?.type === 'ExpressionStatement' && n.expression === child ? n : null;
}

export function replaceChild(parent: Node, old: Node, replacement: Node): void {
  if (!replaceChildOf(parent, old, replacement)) throw new Error(`replaceChild: ${old.type} is not a child of ${parent.type}`);
}

/**
 * Removes a statement. A `finally` block left empty is dropped; a `try` left with neither
 * `catch` nor `finally` is replaced by its own statements.
 */
export function removeStatement(stmt: Statement, analysis: FileAnalysis): void {
  const list = statementList(stmt, analysis);
  if (!list) throw new Error(`removeStatement: ${stmt.type} is not in a statement list`);
  list.splice(list.indexOf(stmt), 1);
  if (list.length > 0) return;
  const block = analysis.index.parent(stmt);
  const tryStmt = block && analysis.index.parent(block);
  if (tryStmt?.type !== 'TryStatement' || tryStmt.finalizer !== block) return;
  tryStmt.finalizer = null;
  if (!tryStmt.handler) unwrapTry(tryStmt, analysis);
}

function unwrapTry(tryStmt: TryStatement, analysis: FileAnalysis): void {
  const list = statementList(tryStmt, analysis);
  if (!list) {
    tryStmt.finalizer = { type: 'BlockStatement', body: [], directives: [] } as never;
    return;
  }
  list.splice(list.indexOf(tryStmt), 1, ...tryStmt.block.body);
}
