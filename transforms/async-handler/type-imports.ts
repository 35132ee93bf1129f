// Drops `Callback` from `import type { Callback } from 'aws-lambda'` once nothing names it.
// (analysis/add-import's removeUnusedImport handles value imports; type-only ones are left to us.)
import type { File as BabelFile, ImportDeclaration } from '@babel/types';
import { namesInUse } from '../analysis/names-in-use';

export function removeUnusedTypeImport(ast: BabelFile, source: string, name: string): boolean {
  const body = ast.program.body;
  for (const stmt of [...body]) {
    if (stmt.type !== 'ImportDeclaration' || stmt.source.value !== source) continue;
    const spec = stmt.specifiers.find(
      (s) => s.type === 'ImportSpecifier' && (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) === name,
    );
    if (!spec) continue;
    const typeOnly = stmt.importKind === 'type' || (spec.type === 'ImportSpecifier' && spec.importKind === 'type');
    if (!typeOnly || namesInUse(ast.program, stmt).has(spec.local.name)) continue;
    (stmt as ImportDeclaration).specifiers = stmt.specifiers.filter((s) => s !== spec);
    if (stmt.specifiers.length === 0) body.splice(body.indexOf(stmt), 1);
    return true;
  }
  return false;
}
