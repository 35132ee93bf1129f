// What the tmp-paths plan needs to know about a file's module scope: which local names are
// imports (and of what), and which module-level variables hold a value that is never reassigned.
import type { File as BabelFile, Node, Statement, VariableDeclarator } from '@babel/types';
import { readImports } from '../analysis/existing-imports';
import { moduleKey } from '../analysis/module-specifier';
import { isInside, visit, type NodeIndex } from '../analysis/walk';

export interface ImportedName {
  /** module key without `node:` ('fs', 'fs/promises', '@aws-sdk/client-s3', './util') */
  source: string;
  /** imported name; '*' for the whole module (namespace, default of a builtin, plain require) */
  name: string;
}

export interface ModuleVar {
  name: string;
  init: Node;
  declarator: VariableDeclarator;
  statement: Statement;
  exported: boolean;
}

export interface ModuleFacts {
  imports: Map<string, ImportedName>;
  /** module-level variables with an initializer that nothing reassigns */
  vars: Map<string, ModuleVar>;
  /** module-level function declarations */
  functions: Map<string, Node>;
}

/** `index`: the node index of `ast` (its assignments and updates are read from it, not walked). */
export function moduleFacts(ast: BabelFile, index: NodeIndex): ModuleFacts {
  const imports = new Map<string, ImportedName>();
  for (const b of readImports(ast.program).bindings) {
    imports.set(b.local, { source: moduleKey(b.source), name: b.name === 'default' ? '*' : b.name });
  }
  const reassigned = reassignedNamesIn(index, ast.program);
  const vars = new Map<string, ModuleVar>();
  const functions = new Map<string, Node>();
  const exportedNames = new Set<string>();
  for (const stmt of ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
      for (const s of stmt.specifiers) if (s.type === 'ExportSpecifier') exportedNames.add(s.local.name);
    }
    if (!decl) continue;
    if (decl.type === 'FunctionDeclaration' && decl.id) functions.set(decl.id.name, decl);
    if (decl.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier' || !d.init || reassigned.has(d.id.name) || imports.has(d.id.name)) continue;
      vars.set(d.id.name, { name: d.id.name, init: d.init, declarator: d, statement: stmt, exported: stmt !== decl });
    }
  }
  for (const name of exportedNames) {
    const v = vars.get(name);
    if (v) v.exported = true;
  }
  // CommonJS: `exports.X = X` / `module.exports = { X }` export a constant too
  for (const node of index.ofType('AssignmentExpression')) {
    const right = node.right;
    if (right.type === 'Identifier' && vars.has(right.name) && isExportsTarget(node.left)) vars.get(right.name)!.exported = true;
    if (right.type === 'ObjectExpression' && isExportsTarget(node.left)) {
      for (const p of right.properties) {
        if (p.type === 'ObjectProperty' && p.value.type === 'Identifier' && vars.has(p.value.name)) vars.get(p.value.name)!.exported = true;
      }
    }
  }
  return { imports, vars, functions };
}

function isExportsTarget(node: Node): boolean {
  let n: Node = node;
  while (n.type === 'MemberExpression') n = n.object;
  return n.type === 'Identifier' && (n.name === 'exports' || n.name === 'module');
}

/** reassignedNames(root) from the node index of the tree `root` is in (no walk). */
export function reassignedNamesIn(index: NodeIndex, root: Node): Set<string> {
  const out = new Set<string>();
  // every indexed node is inside the program: no need to climb to it
  const inside = (node: Node) => root.type === 'Program' || isInside(index, node, root);
  for (const node of index.ofType('AssignmentExpression')) if (node.left.type === 'Identifier' && inside(node)) out.add(node.left.name);
  for (const node of index.ofType('UpdateExpression')) if (node.argument.type === 'Identifier' && inside(node)) out.add(node.argument.name);
  return out;
}

/** Names assigned or updated anywhere (not scope-aware: a reassigned inner name of the same spelling counts too, which is safe). */
export function reassignedNames(root: Node): Set<string> {
  const out = new Set<string>();
  visit(root, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') out.add(node.left.name);
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') out.add(node.argument.name);
  });
  return out;
}
