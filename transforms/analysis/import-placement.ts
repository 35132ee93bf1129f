// Where a new import/require goes: with the module-level imports/requires (those before the first
// function or class), else at the top of the body under the directives and header comments.
import type { Node, Program, Statement } from '@babel/types';
import { readImports, type ExistingImports } from './existing-imports';
import { moveAllComments, moveLeadingComments, reprintableDirectives, type Commented } from './recast-print';

function isLoadStatement(stmt: Statement, existing: ExistingImports): boolean {
  return stmt.type === 'ImportDeclaration' || existing.bindings.some((b) => b.statement === stmt) ||
    existing.statements.some((s) => s.statement === stmt) ||
    (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'CallExpression' &&
      stmt.expression.callee.type === 'Identifier' && stmt.expression.callee.name === 'require');
}

function isDefinition(stmt: Statement): boolean {
  const s = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
  return !!s && (s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration' || s.type === 'TSDeclareFunction');
}

/** With the last import/require before the first function/class; else first in the body, under its header comments. */
export function insertAfterImports(program: Program, statements: Statement[]): void {
  reprintableDirectives(program);
  const existing = readImports(program);
  let anchor = -1;
  for (let i = 0; i < program.body.length; i++) {
    const stmt = program.body[i];
    if (isDefinition(stmt)) break;
    if (isLoadStatement(stmt, existing)) anchor = i;
  }
  if (anchor >= 0 && !blankLineAfter(program.body[anchor], program.body[anchor + 1])) {
    program.body.splice(anchor + 1, 0, ...statements);
    return;
  }
  // recast keeps the larger gap on each side of a new statement, so after an import that is
  // followed by a blank line the new one would get blank lines on both sides: go before it instead
  const start = prologueLength(program.body);
  const at = Math.max(anchor, start);
  const before = program.body[at];
  if (before && at === start) moveLeadingComments(before, statements[0]);
  // a file of comments only: recast keeps them on the Program, which it reprints without them
  if (!before) moveAllComments(program, statements[0]);
  program.body.splice(at, 0, ...statements);
}

/** Leading `'use strict';` statements in the body (directives moved there by reprintableDirectives). */
function prologueLength(body: Statement[]): number {
  let n = 0;
  while (n < body.length && body[n].type === 'ExpressionStatement' && (body[n] as { expression: Node }).expression.type === 'StringLiteral') n++;
  return n;
}

function blankLineAfter(stmt: Statement, next: Statement | undefined): boolean {
  if (!next || !stmt.loc || !next.loc) return false;
  const comments = (next as unknown as Commented).comments ?? [];
  const starts = [next.loc.start.line, ...comments.filter((c) => c.leading && c.loc).map((c) => c.loc!.start.line)];
  return Math.min(...starts) - stmt.loc.end.line > 1;
}
