// Which module bindings a file exports, under which names: ESM `export`, `export default x`,
// `exports.a = x`, `module.exports = { a, b: c }`, `module.exports = x`, TypeScript `export =`.
import type { Node, Statement } from '@babel/types';
import { dottedName, unwrapExpression } from './ast';
import { targetIdentifiers } from './reference-kind';

/** local name → exported names, from the top-level statements. */
export function collectExportNames(body: Statement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (local: string, exported: string) => {
    const list = out.get(local) ?? [];
    if (!list.includes(exported)) list.push(exported);
    out.set(local, list);
  };
  const addValue = (value: Node | null | undefined, exported: string) => {
    const v = unwrapExpression(value);
    if (v?.type === 'Identifier') add(v.name, exported);
  };
  for (const stmt of body) {
    if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
      const d = stmt.declaration;
      if (d && (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) add(d.id.name, d.id.name);
      else if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) for (const id of targetIdentifiers(v.id)) if (id.type === 'Identifier') add(id.name, id.name);
      }
      for (const s of stmt.specifiers) {
        if (s.type === 'ExportSpecifier') add(s.local.name, s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration;
      if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) add(d.id.name, 'default');
      else addValue(d, 'default');
    } else if (stmt.type === 'TSExportAssignment') {
      addValue(stmt.expression, 'module.exports');
    } else if (stmt.type === 'ExpressionStatement') {
      // exports.a = module.exports.b = x
      let expr = unwrapExpression(stmt.expression);
      const targets: string[] = [];
      while (expr?.type === 'AssignmentExpression' && expr.operator === '=') {
        const target = dottedName(expr.left);
        if (target) targets.push(target);
        expr = unwrapExpression(expr.right);
      }
      for (const target of targets) {
        const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
        if (m) addValue(expr, m[1]);
        else if (target === 'module.exports') {
          if (expr?.type === 'ObjectExpression') {
            for (const p of expr.properties) {
              if (p.type !== 'ObjectProperty' || p.computed) continue;
              const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
              if (key) addValue(p.value, key);
            }
          } else addValue(expr, 'module.exports');
        }
      }
    }
  }
  return out;
}
