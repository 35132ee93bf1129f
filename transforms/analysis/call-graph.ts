// In-file call graph from the handlers: which module-level functions a handler can reach by
// calling them, passing them as callbacks (`items.map(format)`), or calling methods of
// module-level objects and classes (`repo.save()`, `store.put()` with `store = new Store()`,
// and `this.other()` between methods of one object or class).
import type { Node } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from './ast';
import type { ModuleScope, ScopeBinding } from './module-scope';
import { visit, type NodeIndex } from './walk';

/** The functions a module-level binding holds: all of them, and by method name. */
export interface HeldFunctions {
  all: FunctionNode[];
  byName: Map<string, FunctionNode[]>;
}

function held(): HeldFunctions {
  return { all: [], byName: new Map() };
}

function addNamed(h: HeldFunctions, name: string | null, fn: FunctionNode): void {
  h.all.push(fn);
  if (name === null) return;
  const list = h.byName.get(name);
  if (list) list.push(fn);
  else h.byName.set(name, [fn]);
}

function keyName(key: Node, computed: boolean): string | null {
  if (computed) return key.type === 'StringLiteral' ? key.value : null;
  return key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : null;
}

function collectValue(value: Node | null | undefined, h: HeldFunctions, scope: ModuleScope, depth = 0): void {
  const v = unwrapExpression(value);
  if (!v || depth > 4) return;
  if (isFunction(v)) addNamed(h, null, v);
  else if (v.type === 'ObjectExpression') {
    for (const p of v.properties) {
      if (p.type === 'ObjectMethod') addNamed(h, keyName(p.key, p.computed), p);
      else if (p.type === 'ObjectProperty') {
        const pv = unwrapExpression(p.value);
        if (pv && isFunction(pv)) addNamed(h, keyName(p.key, p.computed), pv);
      }
    }
  } else if (v.type === 'ClassExpression' || v.type === 'ClassDeclaration') {
    for (const m of v.body.body) {
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') addNamed(h, m.key.type === 'PrivateName' ? null : keyName(m.key, m.computed ?? false), m);
      else if (m.type === 'ClassProperty') {
        const pv = unwrapExpression(m.value);
        if (pv && isFunction(pv)) addNamed(h, keyName(m.key, m.computed ?? false), pv);
      }
    }
  } else if (v.type === 'NewExpression' && v.callee.type === 'Identifier') {
    // `const store = new Store()`: the instance's methods are the module class's methods
    const cls = scope.bindings.get(v.callee.name)?.declaration;
    if (cls?.type === 'ClassDeclaration') collectValue(cls, h, scope, depth + 1);
  } else if (v.type === 'CallExpression') {
    // `const get = memoize(async (k) => …)`, `middy(base).use(m)`
    for (const arg of v.arguments) collectValue(arg, h, scope, depth + 1);
    if (v.callee.type === 'MemberExpression') collectValue(v.callee.object, h, scope, depth + 1);
  }
}

/** Functions held by each module-level binding that holds any. */
export function heldFunctions(scope: ModuleScope): Map<ScopeBinding, HeldFunctions> {
  const out = new Map<ScopeBinding, HeldFunctions>();
  for (const binding of scope.bindings.values()) {
    const h = held();
    const node = binding.declaration;
    if (node.type === 'FunctionDeclaration') addNamed(h, null, node);
    else if (node.type === 'ClassDeclaration') collectValue(node, h, scope);
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') collectValue(node.init, h, scope);
    if (h.all.length) out.set(binding, h);
  }
  return out;
}

/**
 * Functions reachable from `roots` (the handlers) through references to module-level bindings
 * that hold functions. `roots` are included. Any reference counts (a call, a callback argument):
 * over-approximating reachability is the safe direction for the rules that use it.
 */
export function reachableFunctions(scope: ModuleScope, index: NodeIndex, roots: readonly FunctionNode[]): Set<FunctionNode> {
  const holders = heldFunctions(scope);
  const tracked = new Set<Node>(roots);
  for (const h of holders.values()) for (const fn of h.all) tracked.add(fn);

  const edges = new Map<Node, Set<FunctionNode>>();
  for (const [binding, h] of holders) {
    for (const ref of binding.references) {
      const targets = targetsOf(ref, index.parent(ref)!, h);
      for (let p = index.parent(ref); p; p = index.parent(p)) {
        if (!tracked.has(p)) continue;
        let set = edges.get(p);
        if (!set) edges.set(p, (set = new Set()));
        for (const t of targets) set.add(t);
      }
    }
  }

  // `this.m()` inside a method of a module object or class reaches its sibling method m
  for (const h of holders.values()) {
    if (h.byName.size === 0) continue;
    for (const method of new Set([...h.byName.values()].flat())) {
      for (const name of thisMembers(method)) {
        const siblings = h.byName.get(name);
        if (!siblings) continue;
        let set = edges.get(method);
        if (!set) edges.set(method, (set = new Set()));
        for (const t of siblings) set.add(t);
      }
    }
  }

  const reached = new Set<FunctionNode>(roots);
  const queue: Node[] = [...roots];
  while (queue.length) {
    for (const next of edges.get(queue.pop()!) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  return reached;
}

/** Names of `this.name` members in a method (arrow functions share its `this`, other functions do not). */
function thisMembers(method: FunctionNode): Set<string> {
  const names = new Set<string>();
  if (method.type === 'ArrowFunctionExpression') return names;
  visit(method.body, (node) => {
    if (isFunction(node) && node.type !== 'ArrowFunctionExpression') return false;
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.object.type === 'ThisExpression') {
      const name = keyName(node.property, node.computed);
      if (name !== null) names.add(name);
    }
    return undefined;
  });
  return names;
}

/** `obj.m` reaches method m only; a bare reference (`run(obj)`, `f`) reaches everything held. */
function targetsOf(ref: Node, parent: Node, h: HeldFunctions): FunctionNode[] {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === ref) {
    const name = keyName(parent.property, parent.computed);
    if (name !== null && h.byName.has(name)) return h.byName.get(name)!;
    if (name !== null && h.byName.size > 0) return [];
  }
  return h.all;
}
