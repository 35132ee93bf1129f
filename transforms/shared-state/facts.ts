// Questions the shared-state plans ask about code: does it await, does it touch a binding,
// can a call in it change a binding.
import type { Node } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import { visit } from '../analysis/walk';
import type { BindingRef, ModuleBinding, ModuleModel } from './module-model';

/** True when `node` evaluates an `await` (or `for await`) itself, not inside a nested function (handlers are not generators). */
export function containsAwait(node: Node): boolean {
  let found = false;
  visit(node, (n) => {
    if (found) return false;
    if (n !== node && isFunction(n)) return false;
    if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) found = true;
    return undefined;
  });
  return found;
}


export function refsWithin(binding: ModuleBinding, node: Node, model: ModuleModel): BindingRef[] {
  return binding.refs.filter((r) => model.within(r.id, node));
}

/**
 * Module functions that may change `binding` when called: those that write or mutate it, and every
 * module function that references one of them. Null when a writer is not a named module function
 * (a method, a callback): then any call might reach it.
 */
export function writersOf(binding: ModuleBinding, model: ModuleModel, except: FunctionNode): Set<FunctionNode> | null {
  const writers = new Set<FunctionNode>();
  const named = new Map<FunctionNode, ModuleBinding>();
  for (const b of model.bindings.values()) if (b.fn) named.set(b.fn, b);
  for (const ref of binding.refs) {
    if (ref.kind === 'read' || !ref.top || ref.top === except) continue;
    if (!named.has(ref.top)) return null;
    writers.add(ref.top);
  }
  // callers of writers write too
  let grew = true;
  while (grew) {
    grew = false;
    for (const [fn, b] of named) {
      if (!writers.has(fn)) continue;
      for (const ref of b.refs) {
        if (ref.top && ref.top !== except && !writers.has(ref.top)) {
          if (!named.has(ref.top)) return null;
          writers.add(ref.top);
          grew = true;
        }
      }
    }
  }
  return writers;
}

/** True when code in `nodes` references a function of `writers` (so evaluating it may change the binding). */
export function mayCallWriter(nodes: Node[], writers: Set<FunctionNode>, model: ModuleModel): boolean {
  for (const b of model.bindings.values()) {
    if (!b.fn || !writers.has(b.fn)) continue;
    if (b.refs.some((r) => nodes.some((n) => model.within(r.id, n)))) return true;
  }
  return false;
}

/** The handler (or reachable module function) a node runs in, when it runs per request. */
export function perRequestFunction(node: Node, model: ModuleModel): FunctionNode | null {
  const top = model.topFunction(node);
  return top && model.perRequest.has(top) ? top : null;
}

/** perRequestFunction(ref.id, model), from the outer function the model recorded for the reference. */
export function refPerRequestFunction(ref: BindingRef, model: ModuleModel): FunctionNode | null {
  return ref.top && model.perRequest.has(ref.top) ? ref.top : null;
}

/** Literal values that are the same for every request (`true`, `0`, `'x'`, `null`, `undefined`). */
export function isConstantValue(node: Node | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
      return true;
    case 'Identifier':
      return node.name === 'undefined';
    case 'TemplateLiteral':
      return node.expressions.length === 0;
    case 'UnaryExpression':
      return isConstantValue(node.argument);
    default:
      return false;
  }
}
