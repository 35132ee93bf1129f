// Removes an import/require binding that nothing references any more (a transform replaced its
// last use), and the whole statement once it binds nothing.
import type { File as BabelFile, Program, Statement } from '@babel/types';
import type { ImportContext } from './add-import';
import { programOf, readImports } from './existing-imports';
import { sameModule } from './module-specifier';
import { namesInUse } from './names-in-use';
import { moveLeadingComments, oneLinePattern, reprintableDirectives } from './recast-print';

/**
 * Removes the import/require binding of `source` whose imported name is `name` ('default' for a
 * default import, '*' for a namespace import or a whole `require()`) when its local name is no
 * longer referenced anywhere in the file. Drops the statement once it binds nothing.
 * Returns true when something was removed.
 */
export function removeUnusedImport(ctx: ImportContext, source: string, name: string): boolean {
  const program = programOf(ctx.root.get().node as BabelFile);
  const binding = readImports(program).bindings.find((b) => sameModule(b.source, source) && b.name === name);
  if (!binding) return false;
  if (namesInUse(program, binding.statement).has(binding.local)) return false;
  const stmt = binding.statement;
  if (stmt.type === 'ImportDeclaration') {
    stmt.specifiers = stmt.specifiers.filter((s) => s.local.name !== binding.local);
    if (stmt.specifiers.length === 0) removeStatement(program, stmt);
    return true;
  }
  if (stmt.type === 'VariableDeclaration') {
    for (const d of stmt.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === binding.local) d.id = null as never;
      else if (d.id.type === 'ObjectPattern') {
        const kept = d.id.properties.filter(
          (p) => !(p.type === 'ObjectProperty' && p.value.type === 'Identifier' && p.value.name === binding.local),
        );
        const oneLine = d.id.loc && d.id.loc.start.line === d.id.loc.end.line;
        // recast prints every rebuilt object pattern over several lines: keep a one-line pattern on one line
        if (kept.length === 0) d.id = null as never;
        else if (oneLine && kept.length < d.id.properties.length) d.id = oneLinePattern(ctx.j, kept.map((p) => ctx.j(p as never).toSource()));
        else d.id.properties = kept;
      }
    }
    stmt.declarations = stmt.declarations.filter((d) => d.id !== null);
    if (stmt.declarations.length === 0) removeStatement(program, stmt);
    return true;
  }
  removeStatement(program, stmt);
  return true;
}

function removeStatement(program: Program, stmt: Statement): void {
  reprintableDirectives(program);
  const i = program.body.indexOf(stmt);
  if (i === -1) return;
  const next = program.body[i + 1];
  if (next) moveLeadingComments(stmt, next);
  program.body.splice(i, 1);
}
