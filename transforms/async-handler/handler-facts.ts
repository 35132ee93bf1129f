// Facts about a handler function that decide whether its signature may change.
import type { File as BabelFile, Identifier, Node } from '@babel/types';
import { dottedName, patternNames, propertyName, unwrapExpression, type FunctionNode } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import { isPropertyKey } from '../analysis/names-in-use';
import { isInside, type NodeIndex, VISITOR_KEYS } from '../analysis/walk';
import { ownerFunction } from './tail';

export function paramName(fn: FunctionNode, i: number): string | null {
  const p = fn.params[i];
  if (!p) return null;
  const inner = p.type === 'AssignmentPattern' ? p.left : p;
  return inner.type === 'Identifier' ? inner.name : null;
}

// Every node type the declaration scan below looks at for parameters (`/Function|Method/`: the
// runtime functions and methods, TS declare forms and TS function/method types).
const FUNCTION_LIKE_TYPES = Object.keys(VISITOR_KEYS).filter((type) => /Function|Method/.test(type)) as Node['type'][];
const DECLARING_TYPES: Node['type'][] = ['VariableDeclarator', 'CatchClause', 'ClassDeclaration', ...FUNCTION_LIKE_TYPES];

/**
 * Which of `wanted` are declared anywhere inside `fn`'s body (a shadowed callback cannot be
 * followed), from the node index instead of a walk of the body. TS function and method types
 * (`(cb: X) => void`) have `parameters`, not `params`, and declare nothing at run time.
 */
export function namesDeclaredInside(fn: FunctionNode, index: NodeIndex, wanted: Array<string | null>): Set<string> {
  const found = new Set<string>();
  for (const type of DECLARING_TYPES) {
    for (const node of index.ofType(type)) {
      const declared: string[] = [];
      if (node.type === 'VariableDeclarator') patternNames(node.id, declared);
      else if (node.type === 'CatchClause') patternNames(node.param, declared);
      else if (node.type === 'ClassDeclaration') {
        if (node.id) declared.push(node.id.name);
      } else {
        const f = node as FunctionNode;
        for (const p of f.params ?? []) patternNames(p, declared);
        if ((f.type === 'FunctionDeclaration' || f.type === 'FunctionExpression') && f.id) declared.push(f.id.name);
      }
      const hits = declared.filter((name) => wanted.includes(name) && !found.has(name));
      if (hits.length > 0 && isInside(index, node, fn.body)) for (const name of hits) found.add(name);
    }
  }
  return found;
}

/** Returns a promise in plain sight: `return new Promise(…)`, `return p.then(…)`, `return Promise.all(…)`, `.promise()`. */
export function returnsPromise(fn: FunctionNode, index: NodeIndex): boolean {
  const isPromiseExpr = (e: Node | null | undefined): boolean => {
    const n = unwrapExpression(e);
    if (!n) return false;
    if (n.type === 'NewExpression') return dottedName(n.callee) === 'Promise';
    if (n.type === 'CallExpression') {
      const callee = unwrapExpression(n.callee);
      if (callee?.type === 'MemberExpression') {
        const m = propertyName(callee);
        if (m === 'then' || m === 'catch' || m === 'finally' || m === 'promise') return true;
        if (dottedName(callee.object) === 'Promise') return true;
      }
    }
    return false;
  };
  if (fn.body.type !== 'BlockStatement') return isPromiseExpr(fn.body);
  // a `return` whose nearest function is `fn` is in its body (and in no nested function)
  return index.ofType('ReturnStatement').some((node) => isPromiseExpr(node.argument) && ownerFunction(node, index) === fn);
}

/** The handler's own name is used elsewhere in the file: changing its signature would break that caller. */
export function calledElsewhere(h: HandlerInfo, ast: BabelFile, index: NodeIndex): Identifier | null {
  const own = ownName(h.fn, ast);
  if (!own) return null;
  // the first such identifier in source order, outside the export and the handler itself
  for (const node of index.ofType('Identifier')) {
    if (node.name !== own) continue;
    const parent = index.parent(node);
    if (!parent || isPropertyKey(node, parent) || isInside(index, node, h.exportNode) || isInside(index, node, h.fn)) continue;
    const isDeclaration = (parent.type === 'VariableDeclarator' && parent.id === node) || (parent.type === 'FunctionDeclaration' && parent.id === node);
    const isExport = parent.type === 'ExportSpecifier' || (parent.type === 'AssignmentExpression' && parent.right === node && /exports/.test(dottedName(parent.left) ?? ''));
    if (!isDeclaration && !isExport) return node;
  }
  return null;
}

/** The module-level name the handler function is bound to (`function handler`, `const handler = …`). */
function ownName(fn: FunctionNode, ast: BabelFile): string | null {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  for (const stmt of ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) if (d.init === fn && d.id.type === 'Identifier') return d.id.name;
  }
  return null;
}
