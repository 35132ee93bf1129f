// The module-level imports and requires of a file, read in one pass over the program body:
// what ensureImport reuses and removeUnusedImport edits.
import type {
  ImportDeclaration,
  Node,
  ObjectPattern,
  Program,
  Statement,
  VariableDeclarator,
} from '@babel/types';
import { propertyName, requireSource, unwrapExpression } from './ast';

/** One loaded binding: `name` is the imported name, '*' for the whole module, 'default' for a default import. */
export interface ImportedBinding {
  source: string;
  name: string;
  local: string;
  statement: Statement;
  /** where a new named binding of the same module can be added, if anywhere */
  kind: 'esm' | 'require' | 'require-member' | 'ts-import-equals';
}

export interface LoadStatement {
  statement: Statement;
  source: string;
  /** an ESM import of values (not `import type`) */
  esm?: ImportDeclaration;
  /** `const { a, b: c } = require('x')` */
  pattern?: ObjectPattern;
}

export interface ExistingImports {
  bindings: ImportedBinding[];
  statements: LoadStatement[];
  /** every specifier the file loads at module level (import, require, export-from) */
  sources: string[];
}

export function programOf(root: Node): Program {
  if (root.type === 'Program') return root;
  if (root.type === 'File') return root.program;
  throw new Error(`expected a File or Program node, got ${root.type}`);
}

export function readImports(program: Program): ExistingImports {
  const bindings: ImportedBinding[] = [];
  const statements: LoadStatement[] = [];
  const sources: string[] = [];
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const source = stmt.source.value;
      sources.push(source);
      if (stmt.importKind === 'type' || stmt.importKind === 'typeof') continue;
      statements.push({ statement: stmt, source, esm: stmt });
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportSpecifier' && s.importKind !== 'type' && s.importKind !== 'typeof') {
          const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
          bindings.push({ source, name: imported, local: s.local.name, statement: stmt, kind: 'esm' });
        } else if (s.type === 'ImportDefaultSpecifier') {
          bindings.push({ source, name: 'default', local: s.local.name, statement: stmt, kind: 'esm' });
        } else if (s.type === 'ImportNamespaceSpecifier') {
          bindings.push({ source, name: '*', local: s.local.name, statement: stmt, kind: 'esm' });
        }
      }
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) readRequire(d, stmt, bindings, statements, sources);
    } else if (stmt.type === 'TSImportEqualsDeclaration' && !stmt.isExport && stmt.importKind !== 'type') {
      const ref = stmt.moduleReference;
      if (ref.type === 'TSExternalModuleReference') {
        sources.push(ref.expression.value);
        bindings.push({ source: ref.expression.value, name: '*', local: stmt.id.name, statement: stmt, kind: 'ts-import-equals' });
      }
    } else if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportAllDeclaration') && stmt.source) {
      sources.push(stmt.source.value);
    } else if (stmt.type === 'ExpressionStatement') {
      const src = requireSource(stmt.expression);
      if (src !== null) sources.push(src);
    }
  }
  return { bindings, statements, sources };
}

function readRequire(
  d: VariableDeclarator,
  stmt: Statement,
  bindings: ImportedBinding[],
  statements: LoadStatement[],
  sources: string[],
): void {
  const init = unwrapExpression(d.init);
  if (!init) return;
  const whole = requireSource(init);
  if (whole !== null) {
    sources.push(whole);
    if (d.id.type === 'Identifier') {
      bindings.push({ source: whole, name: '*', local: d.id.name, statement: stmt, kind: 'require' });
    } else if (d.id.type === 'ObjectPattern') {
      statements.push({ statement: stmt, source: whole, pattern: d.id });
      for (const p of d.id.properties) {
        if (p.type !== 'ObjectProperty' || p.computed || p.value.type !== 'Identifier') continue;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
        if (key) bindings.push({ source: whole, name: key, local: p.value.name, statement: stmt, kind: 'require' });
      }
    }
    return;
  }
  // const readFile = require('fs').readFile
  if ((init.type === 'MemberExpression' || init.type === 'OptionalMemberExpression') && d.id.type === 'Identifier') {
    const src = requireSource(init.object);
    const prop = propertyName(init);
    if (src !== null && prop) {
      sources.push(src);
      bindings.push({ source: src, name: prop, local: d.id.name, statement: stmt, kind: 'require-member' });
    }
  }
}
