// A helper module's exported functions take arguments from callers we cannot see: a callback, an
// object with methods. Calling one in the middle of a function may run this module's code again,
// nested inside the same call (`await options.onItem(x)` → `add(y)`), and then moving a read (a
// temporary, a snapshot, a local) changes what the code does even one request at a time. The
// rewrites in a helper module therefore require that the function, and every in-file function it
// reaches, calls only imports, globals, module functions and module constants, or values computed
// from those: never a parameter, `this`, a module `let`, a module object filled at run time, or
// something derived from them, and that none of them calls the function itself again.
import type { Node } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import { visit } from '../analysis/walk';
import type { ModuleModel } from './module-model';
import { patternNames } from './patterns';

/** Why a helper-module rewrite was not made: moving a read could change what a nested call sees. */
export const REENTRY_HINT = 'not rewritten: this function calls code its caller supplies (a parameter, `this`, a module `let`, a function stored in a module object) or itself, which may run this module again in the middle; ';

/** True when running `fn` may call code a caller supplied, or `fn` itself again. */
export function mayReenter(fn: FunctionNode, model: ModuleModel): boolean {
  const named = new Map<FunctionNode, string>();
  for (const b of model.bindings.values()) if (b.fn) named.set(b.fn, b.name);
  const reached = new Set<FunctionNode>([fn]);
  const work = [fn];
  while (work.length) {
    const f = work.pop()!;
    if (callsSuppliedCode(f, model)) return true;
    for (const [g, name] of named) {
      const b = model.bindings.get(name)!;
      if (!b.refs.some((r) => model.within(r.id, f))) continue;
      if (g === fn) return true; // recursion: a nested call of the same function
      if (!reached.has(g)) {
        reached.add(g);
        work.push(g);
      }
    }
  }
  return false;
}

/**
 * The class form of mayReenter, for a method a module instance runs per request: true when running
 * `method` may run `method` again, nested, on the same instance. Its calls may go to imports,
 * globals, module functions and constants (as above) and to `this.<m>()` for methods of the class
 * (followed); anything else rooted at `this`, or a module function that mentions an instance
 * (`instances`), may come back.
 */
export function methodMayReenter(method: FunctionNode, methods: Map<string, FunctionNode>, instances: Set<string>, model: ModuleModel): boolean {
  const named = new Map<FunctionNode, string>();
  for (const b of model.bindings.values()) if (b.fn) named.set(b.fn, b.name);
  const seen = new Set<FunctionNode>([method]);
  const work: FunctionNode[] = [method];
  while (work.length) {
    const f = work.pop()!;
    const tainted = taintedNames(f);
    let found = false;
    visit(f as Node, (n) => {
      if (found) return false;
      if (n.type === 'Identifier' && instances.has(n.name) && model.bindings.get(n.name)?.refs.some((r) => r.id === n)) found = true;
      if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression' && n.type !== 'NewExpression' && n.type !== 'TaggedTemplateExpression') return undefined;
      const callee = (n.type === 'TaggedTemplateExpression' ? n.tag : n.callee) as Node;
      if (callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression') {
        const m = !callee.computed && callee.property.type === 'Identifier' ? methods.get(callee.property.name) : undefined;
        if (!m || m === method) found = true;
        else if (!seen.has(m)) {
          seen.add(m);
          work.push(m);
        }
      } else if (!safeCallee(callee, tainted, model)) found = true;
      return undefined;
    });
    if (found) return true;
    for (const [g, name] of named) {
      if (seen.has(g) || !model.bindings.get(name)!.refs.some((r) => model.within(r.id, f))) continue;
      seen.add(g);
      work.push(g);
    }
  }
  return false;
}

/** A call in `f` whose callee is rooted at a parameter, a local derived from one, `this`, a module `let`/`var`, or a computed value. */
function callsSuppliedCode(f: FunctionNode, model: ModuleModel): boolean {
  const tainted = taintedNames(f);
  let found = false;
  visit(f as Node, (n) => {
    if (found) return false;
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression') {
      const callee = (n.type === 'TaggedTemplateExpression' ? n.tag : n.callee) as Node;
      if (!safeCallee(callee, tainted, model)) found = true;
    }
    return undefined;
  });
  return found;
}

function safeCallee(callee: Node, tainted: Set<string>, model: ModuleModel): boolean {
  let n: Node = callee;
  let depth = 0;
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'ParenthesizedExpression') {
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && n.computed && n.property.type !== 'StringLiteral' && n.property.type !== 'NumericLiteral') return false;
    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') depth++;
    n = n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' ? n.object : (n as { expression: Node }).expression;
  }
  if (n.type === 'Import') return true;
  if (n.type !== 'Identifier') return false; // this, super, a call's result, a function expression
  // `arguments[0]()` is the caller's; `eval` runs anything
  if (tainted.has(n.name) || n.name === 'arguments' || n.name === 'eval') return false;
  const b = model.bindings.get(n.name);
  if (!b) return true;
  if (b.kind === 'let' || b.kind === 'var') return false;
  // a module object filled at run time (`hooks[name] = fn`) may hold what a caller registered; the
  // methods of an empty Map / Set / array it starts as are the built-in ones
  if (b.kind === 'const' && b.refs.some((r) => r.kind === 'mutate')) return depth === 1 && isEmptyContainer(b.init);
  return true;
}

function isEmptyContainer(init: Node | null | undefined): boolean {
  let n = init;
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'ParenthesizedExpression')) n = n.expression;
  if (n?.type === 'ArrayExpression') return n.elements.length === 0;
  return n?.type === 'NewExpression' && n.arguments.length === 0 && n.callee.type === 'Identifier' && (n.callee.name === 'Map' || n.callee.name === 'Set');
}

/**
 * Names in `f` that may hold caller-supplied values: every parameter (of `f` and of the functions
 * inside it), every catch parameter, every local reassigned after its declaration, and every local
 * whose initializer mentions one of those, `this` or `arguments`.
 */
function taintedNames(f: FunctionNode): Set<string> {
  const tainted = new Set<string>();
  const declarators: Array<{ names: string[]; init: Node | null }> = [];
  visit(f as Node, (n) => {
    if (isFunction(n)) for (const p of n.params) patternNames(p as Node).forEach((x) => tainted.add(x));
    if (n.type === 'CatchClause' && n.param) patternNames(n.param as Node).forEach((x) => tainted.add(x));
    if (n.type === 'AssignmentExpression') patternNames(n.left as Node).forEach((x) => tainted.add(x));
    if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier') tainted.add(n.argument.name);
    if (n.type === 'VariableDeclarator') declarators.push({ names: patternNames(n.id as Node), init: (n.init as Node | null) ?? null });
    if ((n.type === 'ForOfStatement' || n.type === 'ForInStatement') && n.left.type === 'VariableDeclaration') {
      for (const d of n.left.declarations) patternNames(d.id as Node).forEach((x) => tainted.add(x));
    }
    return undefined;
  });
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of declarators) {
      if (d.names.every((x) => tainted.has(x)) || !d.init || !mentionsTainted(d.init, tainted)) continue;
      d.names.forEach((x) => tainted.add(x));
      grew = true;
    }
  }
  return tainted;
}

function mentionsTainted(node: Node, tainted: Set<string>): boolean {
  let found = false;
  visit(node, (n, parent) => {
    if (found) return false;
    if (n.type === 'ThisExpression' || (n.type === 'Identifier' && (tainted.has(n.name) || n.name === 'arguments'))) {
      const isKey = parent && (((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === n && !parent.computed) ||
        (parent.type === 'ObjectProperty' && parent.key === n && !parent.computed && !parent.shorthand));
      if (!isKey) found = true;
    }
    return undefined;
  });
  return found;
}
