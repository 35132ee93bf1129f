// Which declaration an identifier refers to: enough scope analysis to tell a module-level
// binding from a same-named local, parameter or catch variable (shadowing must never fool a rewrite).
import type { Node } from '@babel/types';
import { isFunction } from '../analysis/ast';
import { isPropertyKey } from '../analysis/names-in-use';
import type { NodeIndex } from '../analysis/walk';
import { childrenOf } from '../analysis/walk';

/** Names bound by a pattern (`a`, `{ a, b: [c] }`, `...d`, `e = 1`). */
export function patternNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : (p.value as Node), out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
    default:
      break;
  }
  return out;
}

/** Lexical declarations directly in a statement list (let/const/class/function). */
function lexicalNames(statements: readonly Node[], out: Set<string>): void {
  for (const raw of statements) {
    const s = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? (raw.declaration as Node | null) : raw;
    if (!s) continue;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) patternNames(d.id).forEach((n) => out.add(n));
    else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) out.add(s.id.name);
    else if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) out.add(sp.local.name);
  }
}

/** `var` declarations and function declarations hoisted to a function (or program) scope. */
function varNames(body: Node, out: Set<string>): void {
  const walk = (n: Node) => {
    if (n.type === 'VariableDeclaration' && n.kind === 'var') for (const d of n.declarations) patternNames(d.id).forEach((x) => out.add(x));
    for (const c of childrenOf(n)) if (!isFunction(c)) walk(c);
  };
  walk(body);
}

const cache = new WeakMap<Node, Set<string>>();

/** Names a scope-creating node declares for the code inside it; null when it creates no scope. */
export function declaredIn(node: Node): Set<string> | null {
  const cached = cache.get(node);
  if (cached) return cached;
  let names: Set<string> | null = null;
  if (isFunction(node)) {
    names = new Set();
    for (const p of node.params) patternNames(p as Node).forEach((n) => names!.add(n));
    if ((node.type === 'FunctionExpression') && node.id) names.add(node.id.name);
    if (node.body.type === 'BlockStatement') varNames(node.body, names);
  } else if (node.type === 'Program') {
    names = new Set();
    lexicalNames(node.body, names);
    varNames(node, names);
  } else if (node.type === 'BlockStatement' || node.type === 'StaticBlock') {
    names = new Set();
    lexicalNames(node.body, names);
  } else if (node.type === 'SwitchStatement') {
    names = new Set();
    for (const c of node.cases) lexicalNames(c.consequent, names);
  } else if (node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
    names = new Set();
    const init = node.type === 'ForStatement' ? node.init : node.left;
    if (init?.type === 'VariableDeclaration' && init.kind !== 'var') for (const d of init.declarations) patternNames(d.id).forEach((n) => names!.add(n));
  } else if (node.type === 'CatchClause') {
    names = new Set(patternNames(node.param));
  } else if (node.type === 'ClassExpression' && node.id) {
    names = new Set([node.id.name]);
  }
  if (names) cache.set(node, names);
  return names;
}

/** True when `id` (a value reference) resolves to the module-level binding of its name. */
export function resolvesToModule(id: Node & { name: string }, index: NodeIndex): boolean {
  for (let n = index.parent(id); n; n = index.parent(n)) {
    if (n.type === 'Program') return declaredIn(n)!.has(id.name);
    if (declaredIn(n)?.has(id.name)) return false;
  }
  return false;
}

/**
 * The node that owns a binding pattern an identifier sits in (`{ a: [x] } = …` → the assignment),
 * with the pattern root; null when the identifier is not inside a pattern position.
 */
export function patternOwner(id: Node, index: NodeIndex): { owner: Node; root: Node } | null {
  let child: Node = id;
  for (let n = index.parent(id); n; child = n, n = index.parent(n)) {
    if (n.type === 'ObjectProperty' && n.value === child) {
      const obj = index.parent(n);
      if (obj?.type !== 'ObjectPattern') return null;
      continue;
    }
    if (n.type === 'ObjectPattern' || n.type === 'ArrayPattern' || n.type === 'RestElement') continue;
    if (n.type === 'AssignmentPattern') {
      if (n.left !== child) return null;
      continue;
    }
    return { owner: n, root: child };
  }
  return null;
}

/** True when an Identifier is a value reference (not a key, declaration name, label or type). */
export function isValueReference(id: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if (isPropertyKey(id, parent)) return false;
  switch (parent.type) {
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
      return false;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return (parent as { id?: Node }).id !== id && !(parent as { params?: Node[] }).params?.includes(id);
    case 'ArrowFunctionExpression':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
      return !(parent as { params: Node[] }).params.includes(id);
    case 'VariableDeclarator':
      return parent.init === id;
    case 'CatchClause':
      return false;
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return (parent as { expression: Node }).expression === id;
    default:
      return !parent.type.startsWith('TS');
  }
}
