// Is a file ESM or CommonJS? Needed to add imports in the file's own style and to decide
// between top-level await (ESM) and a `ready` promise (CommonJS).
import type { File as BabelFile } from '@babel/types';

export type ModuleStyle = 'esm' | 'commonjs';

export function moduleStyle(file: string, ast: BabelFile, packageType?: 'module' | 'commonjs'): ModuleStyle {
  if (/\.(mjs|mts)$/i.test(file)) return 'esm';
  if (/\.(cjs|cts)$/i.test(file)) return 'commonjs';
  let hasEsm = false;
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ImportDeclaration' && stmt.importKind !== 'type') hasEsm = true;
    else if (stmt.type.startsWith('Export') && (stmt as { exportKind?: string }).exportKind !== 'type') hasEsm = true;
  }
  if (hasEsm) return 'esm';
  if (usesCommonJs(ast)) return 'commonjs';
  return packageType === 'module' ? 'esm' : 'commonjs';
}

function usesCommonJs(ast: BabelFile): boolean {
  for (const stmt of ast.program.body) {
    // TypeScript's CommonJS forms: `import fs = require('fs')`, `export = handler`
    if ((stmt.type === 'TSImportEqualsDeclaration' && stmt.moduleReference.type === 'TSExternalModuleReference') ||
      stmt.type === 'TSExportAssignment') return true;
    if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const left = stmt.expression.left;
      if (left.type === 'MemberExpression') {
        const obj = left.object;
        if (obj.type === 'Identifier' && (obj.name === 'exports' || obj.name === 'module')) return true;
        if (obj.type === 'MemberExpression' && obj.object.type === 'Identifier' && obj.object.name === 'module') return true;
      }
    }
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        const init = d.init;
        if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') return true;
        if (init?.type === 'MemberExpression' && init.object.type === 'CallExpression' &&
          init.object.callee.type === 'Identifier' && init.object.callee.name === 'require') return true;
      }
    }
  }
  return false;
}
