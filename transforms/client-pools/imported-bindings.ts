// Which local names of a file come from which module: `import`, `require`, and destructured
// `require` alike, so a client class is recognised however the file loads it.
import type { File as BabelFile, Node } from '@babel/types';
import { requireSource, unwrapExpression } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { memoOn } from '../analysis/memo';

export interface ImportedBinding {
  source: string;
  /** exported name, or '*' for a namespace / default import / whole-module require */
  imported: string;
  /** the statement that creates the binding */
  statement: Node;
}

const IMPORTED_BINDINGS = {};

/** importedBindings of the analysed file, computed once per analysis (every client-pools plan asks); read-only. */
export function fileImports(analysis: FileAnalysis): Map<string, ImportedBinding> {
  return memoOn(analysis, IMPORTED_BINDINGS, () => importedBindings(analysis.ast));
}

export function importedBindings(ast: BabelFile): Map<string, ImportedBinding> {
  const out = new Map<string, ImportedBinding>();
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ImportDeclaration') {
      if (stmt.importKind === 'type') continue;
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportSpecifier') {
          if (s.importKind === 'type') continue;
          const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
          out.set(s.local.name, { source: stmt.source.value, imported, statement: stmt });
        } else {
          // default and namespace imports of CommonJS packages are the whole module
          out.set(s.local.name, { source: stmt.source.value, imported: '*', statement: stmt });
        }
      }
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        let init = unwrapExpression(d.init);
        let member: string | null = null;
        // const S3 = require('aws-sdk').S3
        if (init?.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
          member = init.property.name;
          init = init.object;
        }
        const source = requireSource(init);
        if (source === null) continue;
        if (d.id.type === 'Identifier') {
          out.set(d.id.name, { source, imported: member ?? '*', statement: stmt });
        } else if (d.id.type === 'ObjectPattern' && member === null) {
          for (const p of d.id.properties) {
            if (p.type !== 'ObjectProperty' || p.computed || p.key.type !== 'Identifier') continue;
            if (p.value.type === 'Identifier') out.set(p.value.name, { source, imported: p.key.name, statement: stmt });
          }
        }
      }
    }
  }
  return out;
}

/**
 * The class a `new` callee (or a static call's object) names, as module source + dotted path
 * inside it: `new AWS.DynamoDB.DocumentClient()` → { source: 'aws-sdk', path: 'DynamoDB.DocumentClient' }.
 */
export function resolveImportedPath(
  node: Node | null | undefined,
  imports: Map<string, ImportedBinding>,
): { source: string; path: string; local: string } | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') {
    const b = imports.get(n.name);
    if (!b) return null;
    return { source: b.source, path: b.imported === '*' ? '' : b.imported, local: n.name };
  }
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const base = resolveImportedPath(n.object, imports);
    if (!base) return null;
    return { source: base.source, path: base.path ? `${base.path}.${n.property.name}` : n.property.name, local: base.local };
  }
  return null;
}
