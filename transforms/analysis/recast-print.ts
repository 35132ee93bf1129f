// Workarounds for what recast prints wrongly when a program body is reprinted, and comment moves
// that keep a file's header where it was. Used by add-import; any transform that adds or removes
// top-level statements can use them too.
import type { AssignmentExpression, ExpressionStatement, Node, ObjectPattern, Program, Statement } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';

/**
 * When the program body is reprinted, recast reuses the original text of a directive
 * (`'use strict';`, semicolon included) and of a hashbang line (newline excluded), then adds its
 * own `;` / nothing: `'use strict';;` and `#!/usr/bin/env node// next line`. Fresh copies of those
 * nodes (same value, same comments) print correctly.
 */
export function reprintableDirectives(program: Program): void {
  if (program.directives?.length) {
    // A string statement at the top of the body is the same directive. It keeps the directive's
    // position, so recast keeps the blank line (if any) between it and the next statement, and it
    // prints after a hashbang (recast prints directives before it: invalid).
    const statements = program.directives.map((d) => ({
      type: 'ExpressionStatement',
      expression: { type: 'StringLiteral', value: d.value.value, extra: d.value.extra },
      loc: d.loc,
      start: d.start,
      end: d.end,
      comments: (d as unknown as Commented).comments,
    })) as unknown as Statement[];
    program.body.unshift(...statements);
    program.directives = [];
  }
  if (program.interpreter) program.interpreter = fresh(program.interpreter);
}

function fresh<T extends Node>(node: T): T {
  const copy = { ...node } as Partial<T> & { original?: unknown };
  delete copy.original;
  delete copy.loc;
  delete copy.start;
  delete copy.end;
  return copy as T;
}

export type Commented = {
  comments?: Array<{ leading?: boolean; trailing?: boolean; loc?: { start: { line: number } } }> | null;
  leadingComments?: unknown;
};

/** recast prints `node.comments`; leading ones of the old first statement move to the new one. */
export function moveLeadingComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  const dst = to as unknown as Commented;
  const leading = (src.comments ?? []).filter((c) => c.leading);
  if (leading.length === 0) return;
  src.comments = (src.comments ?? []).filter((c) => !c.leading);
  dst.comments = [...leading, ...(dst.comments ?? [])];
  src.leadingComments = undefined;
}

export function moveAllComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  if (!src.comments?.length) return;
  (to as unknown as Commented).comments = src.comments.map((c) => ({ ...c, leading: true, trailing: false }));
  src.comments = null;
}

/** `{ a, b: c }` parsed from text, so recast prints it on one line (its builders print it on several). */
export function oneLinePattern(j: JSCodeshift, properties: string[]): ObjectPattern {
  const program = j(`({ ${properties.join(', ')} } = 0);`).get().node.program as Program;
  const stmt = program.body[0] as ExpressionStatement;
  return (stmt.expression as AssignmentExpression).left as ObjectPattern;
}
