// The module-level bindings of a file with every reference to them (scope-aware), what each
// reference does (read / write / mutate), and which functions run per request (the handlers and
// the in-file functions they reach).
import type { File as BabelFile, Identifier, Node, Statement, VariableDeclarator } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import { indexNodes, isReadOnly, type NodeIndex } from '../analysis/walk';
import { moduleBindingUses, type ModuleBindingUses } from '../analysis/bindings';
import { indexedTreeOrder, treeOrder } from './edit';
import { patternNames, patternOwner } from './patterns';

export type RefKind = 'read' | 'write' | 'mutate';

export interface BindingRef {
  id: Identifier;
  kind: RefKind;
  /** innermost enclosing function, null at module level */
  fn: FunctionNode | null;
  /** outermost enclosing function (a module-level function or the handler), null at module level */
  top: FunctionNode | null;
  /** the value itself flows somewhere (argument, return, alias), not just read or mutated in place */
  escapes: boolean;
  /** for a write: the `x++` / `--x` / `x += <number>` / `x -= <number>` expression it is, if any */
  increment?: Node;
}

export interface ModuleBinding {
  name: string;
  kind: 'let' | 'const' | 'var' | 'function' | 'class' | 'import';
  /** the program-level statement that declares it */
  statement: Statement;
  declarator?: VariableDeclarator;
  init?: Node | null;
  /** the function a `function f() {}` / `const f = () => {}` binding names */
  fn?: FunctionNode;
  exported: boolean;
  refs: BindingRef[];
}

export interface ModuleModel {
  ast: BabelFile;
  index: NodeIndex;
  bindings: Map<string, ModuleBinding>;
  handlers: HandlerInfo[];
  /** no handler of its own: `handlers` are the exported functions (a helper module handlers call) */
  helperModule: boolean;
  /** top-level functions that run per request: handlers and the in-file functions they reach */
  perRequest: Set<FunctionNode>;
  topFunction(node: Node): FunctionNode | null;
  /** `inner` is `outer` or inside it (tree order) */
  within(inner: Node, outer: Node): boolean;
  /** `a` starts after the whole of `b` (tree order) */
  after(a: Node, b: Node): boolean;
  innerFunction(node: Node): FunctionNode | null;
}

const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
  'set', 'delete', 'clear', 'add',
]);

const NOT_ESCAPING_PARENTS = new Set([
  'BinaryExpression', 'UnaryExpression', 'TemplateLiteral', 'IfStatement', 'WhileStatement',
  'DoWhileStatement', 'SwitchStatement', 'SwitchCase', 'ExpressionStatement',
]);

/**
 * `uses`: which identifiers use which module binding (scope-aware, moduleBindingUses), shared
 * with FileAnalysis.bindings on a read-only tree. The model needs no more: not where each use
 * runs, which analyseBindings works out from the handlers and the call graph.
 */
export function buildModuleModel(ast: BabelFile, handlers: HandlerInfo[], helperModule = false, index: NodeIndex = indexNodes(ast),
  uses: ModuleBindingUses = moduleBindingUses({ ast, index })): ModuleModel {
  const bindings = declareBindings(ast);
  const topFunction = (node: Node): FunctionNode | null => {
    let top: FunctionNode | null = null;
    for (let n = index.parent(node); n; n = index.parent(n)) if (isFunction(n)) top = n;
    return top;
  };
  const innerFunction = (node: Node): FunctionNode | null => {
    for (let n = index.parent(node); n; n = index.parent(n)) if (isFunction(n)) return n;
    return null;
  };
  // which identifiers name which module binding: the shared, scope-aware analysis decides
  for (const used of uses.bindings) {
    const binding = bindings.get(used.name);
    if (!binding) continue;
    if (used.exportNames.length > 0) binding.exported = true;
    // a reference that reads and writes (`x++`) is listed twice there: one ref here
    const seen = new Set<Node>();
    for (const r of used.uses) {
      if (seen.has(r.node)) continue;
      seen.add(r.node);
      binding.refs.push(bindingRef(r.node, index));
    }
  }
  const perRequest = reachableFrom(handlers.map((h) => h.fn), bindings);
  // a plan applied to a recast tree changes it, so that tree's order is taken now, before any edit
  const order = isReadOnly(ast) ? indexedTreeOrder(ast, index) : treeOrder(ast);
  return { ast, index, bindings, handlers, helperModule, perRequest, topFunction, innerFunction, within: order.within, after: order.after };
}

/** A reference with its enclosing functions, from one climb to the root. */
function bindingRef(id: Identifier, index: NodeIndex): BindingRef {
  let fn: FunctionNode | null = null;
  let top: FunctionNode | null = null;
  for (let n = index.parent(id); n; n = index.parent(n)) {
    if (!isFunction(n)) continue;
    fn ??= n;
    top = n;
  }
  const use = classify(id, index);
  return { id, kind: use.kind, fn, top, escapes: use.escapes, increment: use.increment };
}

function declareBindings(ast: BabelFile): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  // one object shape for every binding (a spread per binding measured ~5% of the model)
  const add = (name: string, kind: ModuleBinding['kind'], statement: Statement, exported: boolean,
    declarator?: VariableDeclarator, init?: Node | null, fn?: FunctionNode) =>
    bindings.set(name, { name, kind, statement, declarator, init, fn, exported, refs: [] });
  for (const stmt of ast.program.body) {
    const exported = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration';
    const decl = (exported ? (stmt as { declaration?: Node | null }).declaration : stmt) as Node | null | undefined;
    if (!decl) continue;
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        if (d.id.type === 'Identifier') {
          const init = d.init ? unwrapExpression(d.init) : null;
          add(d.id.name, decl.kind as 'let', stmt, exported, d, d.init, isFunction(init) ? init : undefined);
        } else {
          for (const name of patternNames(d.id)) add(name, decl.kind as 'let', stmt, exported, d, null);
        }
      }
    } else if (decl.type === 'FunctionDeclaration' && decl.id) {
      add(decl.id.name, 'function', stmt, exported, undefined, undefined, decl);
    } else if (decl.type === 'ClassDeclaration' && decl.id) {
      add(decl.id.name, 'class', stmt, exported);
    } else if (decl.type === 'ImportDeclaration') {
      for (const s of decl.specifiers) add(s.local.name, 'import', stmt, false);
    }
  }
  return bindings;
}

function classify(id: Identifier, index: NodeIndex): { kind: RefKind; escapes: boolean; increment?: Node } {
  const parent = index.parent(id)!;
  if (parent.type === 'UpdateExpression') return { kind: 'write', escapes: false, increment: parent };
  if (parent.type === 'AssignmentExpression' && parent.left === id) {
    const numeric = (parent.operator === '+=' || parent.operator === '-=') && unwrapExpression(parent.right)?.type === 'NumericLiteral';
    return { kind: 'write', escapes: false, increment: numeric ? parent : undefined };
  }
  const owner = patternOwner(id, index);
  if (owner && owner.root !== id) return { kind: 'write', escapes: false };
  // walk up a member chain rooted at the identifier: `x.a.b`
  let top: Node = id;
  let p: Node = parent;
  while ((p.type === 'MemberExpression' || p.type === 'OptionalMemberExpression') && p.object === top) {
    top = p;
    p = index.parent(p)!;
  }
  if (top !== id) {
    if ((p.type === 'AssignmentExpression' && p.left === top) || p.type === 'UpdateExpression' ||
      (p.type === 'UnaryExpression' && p.operator === 'delete')) return { kind: 'mutate', escapes: false };
    if ((p.type === 'CallExpression' || p.type === 'OptionalCallExpression') && p.callee === top) {
      const method = (top as { property: Node }).property;
      const name = method.type === 'Identifier' ? method.name : method.type === 'StringLiteral' ? method.value : '';
      return { kind: MUTATING_METHODS.has(name) ? 'mutate' : 'read', escapes: false };
    }
    return { kind: 'read', escapes: false };
  }
  const escapes = !NOT_ESCAPING_PARENTS.has(parent.type) &&
    !(parent.type === 'ConditionalExpression' && parent.test === id) &&
    !(parent.type === 'LogicalExpression' && parent.left === id && !escapesUpward(parent, index));
  return { kind: 'read', escapes };
}

function escapesUpward(node: Node, index: NodeIndex): boolean {
  const p = index.parent(node);
  return !p || !NOT_ESCAPING_PARENTS.has(p.type);
}

/** Handlers plus every module-level function a per-request function references (called or passed). */
function reachableFrom(roots: FunctionNode[], bindings: Map<string, ModuleBinding>): Set<FunctionNode> {
  const byTop = new Map<FunctionNode, ModuleBinding[]>();
  for (const b of bindings.values()) {
    if (!b.fn) continue;
    for (const ref of b.refs) {
      if (!ref.top) continue;
      const list = byTop.get(ref.top) ?? [];
      list.push(b);
      byTop.set(ref.top, list);
    }
  }
  const seen = new Set<FunctionNode>(roots);
  const work = [...roots];
  while (work.length) {
    const fn = work.pop()!;
    for (const b of byTop.get(fn) ?? []) {
      if (b.fn && !seen.has(b.fn)) {
        seen.add(b.fn);
        work.push(b.fn);
      }
    }
  }
  return seen;
}
