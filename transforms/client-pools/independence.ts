// Can an expression be evaluated once at module scope instead of once per request with the
// same result? Only when it is built from literals, `process.env` reads, module-level
// constants, imported bindings, and constructions from the AWS SDK / smithy packages.
import type { Node } from '@babel/types';
import { dottedName, unwrapExpression } from '../analysis/ast';
import type { ImportedBinding } from './imported-bindings';

export interface IndependenceEnv {
  imports: Map<string, ImportedBinding>;
  /** module-level `const` initialisers by name */
  moduleConsts: Map<string, Node>;
  /** names that must not be trusted even if module-level (they are shadowed locally) */
  localNames: Set<string>;
  /** local names already proven hoistable (they become module constants) */
  hoisted: Set<string>;
}

const PURE_GLOBAL_CALLS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat']);
const SAFE_CONSTRUCTION_SOURCE = /^(@aws-sdk\/|@smithy\/|aws-sdk(\/|$))/;

export function isIndependent(expr: Node | null | undefined, env: IndependenceEnv, depth = 0): boolean {
  const n = unwrapExpression(expr);
  if (!n || depth > 20) return false;
  const rec = (x: Node | null | undefined) => isIndependent(x, env, depth + 1);
  switch (n.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
      return true;
    case 'TemplateLiteral':
      return n.expressions.every(rec);
    case 'ArrayExpression':
      return n.elements.every((e) => e !== null && rec(e.type === 'SpreadElement' ? e.argument : e));
    case 'ObjectExpression':
      return n.properties.every((p) => {
        if (p.type === 'SpreadElement') return rec(p.argument);
        if (p.type !== 'ObjectProperty') return false;
        return (!p.computed || rec(p.key)) && rec(p.value);
      });
    case 'Identifier':
      if (n.name === 'undefined') return !env.localNames.has(n.name);
      if (env.hoisted.has(n.name)) return true;
      if (env.localNames.has(n.name)) return false;
      if (env.imports.has(n.name)) return true;
      return env.moduleConsts.has(n.name) && rec(env.moduleConsts.get(n.name));
    case 'MemberExpression': {
      const name = dottedName(n);
      if (name?.startsWith('process.env.') && !env.localNames.has('process')) return true;
      return rec(n.object) && (!n.computed || rec(n.property));
    }
    case 'UnaryExpression':
      return n.operator !== 'delete' && rec(n.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return rec(n.left) && rec(n.right);
    case 'ConditionalExpression':
      return rec(n.test) && rec(n.consequent) && rec(n.alternate);
    case 'CallExpression':
    case 'NewExpression': {
      if (!n.arguments.every((a) => a.type !== 'ArgumentPlaceholder' && rec(a.type === 'SpreadElement' ? a.argument : a))) return false;
      const callee = unwrapExpression(n.callee);
      if (callee?.type === 'Identifier' && PURE_GLOBAL_CALLS.has(callee.name) && !env.localNames.has(callee.name) && !env.imports.has(callee.name)) {
        return true;
      }
      const root = rootIdentifier(callee);
      const source = root && !env.localNames.has(root) ? env.imports.get(root)?.source : undefined;
      return !!source && SAFE_CONSTRUCTION_SOURCE.test(source);
    }
    default:
      return false;
  }
}

function rootIdentifier(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression' && !n.computed) return rootIdentifier(n.object);
  return null;
}

/** Module-level `const` declarations with initialisers (exported or not). */
export function moduleConsts(program: { body: Node[] }): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.init) out.set(d.id.name, d.init);
  }
  return out;
}
