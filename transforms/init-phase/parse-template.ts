// Builds statements from a small code template. The template is parsed by recast with the
// file's own parser, so recast copies the template text as written (one-line objects, arrow
// parentheses) instead of pretty-printing it; callers write templates in the file's style.
import type { Statement } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';

export function parseStatements(j: JSCodeshift, code: string): Statement[] {
  const program = (j(code).get().node as { program: { body: Statement[] } }).program;
  return program.body;
}
