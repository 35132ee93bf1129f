// A promise started in the handler and neither awaited, returned nor `.catch`ed outlives the
// response, runs alongside other requests, and an unhandled rejection can take the worker down.
import type { CallExpression, File as BabelFile, Node } from '@babel/types';
import { dottedName, isFunction, propertyName, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations } from '../analysis/handlers';
import { isInside, visit, type NodeIndex } from '../analysis/walk';
import type { Rule, RuleReport } from '../types';

const PROMISE_STATICS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any']);

/** Module-level names of async functions, and of `new …Client()` instances (SDK v3 `send`). */
function asyncNames(ast: BabelFile): { fns: Set<string>; clients: Set<string> } {
  const fns = new Set<string>();
  const clients = new Set<string>();
  for (const [name, node] of moduleDeclarations(ast)) {
    const n = unwrapExpression(node);
    if (isFunction(n) && n.async) fns.add(name);
    if (n?.type === 'NewExpression' && /Client$/.test(dottedName(n.callee) ?? '')) clients.add(name);
  }
  return { fns, clients };
}

/** A call that certainly returns a promise, by its shape. */
function returnsPromise(call: CallExpression, known: { fns: Set<string>; clients: Set<string> }): boolean {
  const callee = unwrapExpression(call.callee);
  if (!callee) return false;
  if (callee.type === 'Identifier') return callee.name === 'fetch' || known.fns.has(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  const name = dottedName(callee);
  if (name && PROMISE_STATICS.has(name)) return true;
  if (method === 'then' || method === 'finally' || method === 'promise') return true;
  return method === 'send' && callee.object.type === 'Identifier' && known.clients.has(callee.object.name);
}

export const fireAndForget: Rule = {
  id: 'fire-and-forget',
  title: 'Promise neither awaited, returned nor caught',
  severity: 'warning',
  docs: 'fire-and-forget',
  // only calls inside a handler are looked at
  handlerFilesOnly: true,
  check(ctx) {
    const reports: RuleReport[] = [];
    const { index } = ctx.analysis;
    const known = asyncNames(ctx.ast);
    // from the promise-returning calls up to the statement (or forEach arrow) that drops them,
    // instead of a walk of every handler body
    const dropped: Array<{ call: CallExpression; anchor: Node }> = [];
    for (const call of index.ofType('CallExpression')) {
      if (!returnsPromise(call, known)) continue;
      const anchor = droppingAnchor(call, index);
      if (anchor) dropped.push({ call, anchor });
    }
    if (dropped.length === 0) return reports;
    for (const h of ctx.analysis.handlers) {
      const callback = h.fn.params.length >= 3 && h.fn.params[2].type === 'Identifier' ? h.fn.params[2].name : null;
      for (const { call, anchor } of dropped) {
        // the arrow case needs its parent call: the body itself has none in the handler
        if (anchor === h.fn.body || !isInside(index, anchor, h.fn.body)) continue;
        // a chain handing the callback on is the callback-handler rule's business
        if (callback && mentions(call, callback)) continue;
        reports.push({
          node: call,
          message: 'Promise started in the handler is neither awaited, returned nor caught: it outlives the response and an unhandled rejection can crash the worker.',
          hint: 'await it (or return it); if it must run in the background, add .catch()',
        });
      }
    }
    return reports;
  },
};

// the wrappers unwrapExpression sees through
const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression', 'TypeCastExpression']);

/**
 * The node that throws the value of `call` away: the expression statement it is (`p();`,
 * `void p();`, casts allowed), or the concise arrow passed to forEach it is the body of
 * (`items.forEach((i) => p(i))`). Null otherwise.
 */
function droppingAnchor(call: CallExpression, index: NodeIndex): Node | null {
  let value: Node = call;
  let parent = index.parent(value);
  while (parent && WRAPPERS.has(parent.type) && (parent as { expression?: Node }).expression === value) {
    value = parent;
    parent = index.parent(value);
  }
  if (parent?.type === 'UnaryExpression' && parent.operator === 'void' && parent.argument === value) {
    value = parent;
    parent = index.parent(value);
  }
  if (parent?.type === 'ExpressionStatement' && parent.expression === value) return parent;
  if (parent?.type === 'ArrowFunctionExpression' && parent.body === value) {
    const user = index.parent(parent);
    if (user?.type === 'CallExpression' && propertyName(user.callee as Node) === 'forEach') return parent;
  }
  return null;
}

function mentions(node: Node, name: string): boolean {
  let found = false;
  visit(node, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && n.name === name) found = true;
    return undefined;
  });
  return found;
}
