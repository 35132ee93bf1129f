// Which modules a file loads: static imports, re-exports, require() and import() with a literal.
import type { File as BabelFile, Node } from '@babel/types';
import { requireSource, staticString } from './ast';
import { visit } from './walk';

/** Every module specifier the file loads, in source order, without duplicates. */
export function listImports(ast: BabelFile): string[] {
  const out = new Set<string>();
  for (const stmt of ast.program.body) {
    if ((stmt.type === 'ImportDeclaration' || stmt.type === 'ExportAllDeclaration' || stmt.type === 'ExportNamedDeclaration') && stmt.source) {
      out.add(stmt.source.value);
    }
  }
  visit(ast.program, (node: Node) => {
    if (node.type !== 'CallExpression') return;
    const req = requireSource(node);
    if (req !== null) out.add(req);
    else if (node.callee.type === 'Import' && node.arguments.length >= 1) {
      const spec = staticString(node.arguments[0]);
      if (spec !== null) out.add(spec);
    }
  });
  return [...out];
}

/** Only the relative specifiers (`./db`, `../lib/state.js`): the edges of the import graph. */
export function listRelativeImports(ast: BabelFile): string[] {
  return listImports(ast).filter((s) => s.startsWith('./') || s.startsWith('../'));
}
