// A promise started in the handler and neither awaited, returned nor `.catch`ed outlives the
// response, runs alongside other requests, and an unhandled rejection can take the worker down.
import type { CallExpression, File as BabelFile, Node } from '@babel/types';
import { dottedName, isFunction, propertyName, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations } from '../analysis/handlers';
import { visit } from '../analysis/walk';
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
    const known = asyncNames(ctx.ast);
    for (const h of ctx.analysis.handlers) {
      const callback = h.fn.params.length >= 3 && h.fn.params[2].type === 'Identifier' ? h.fn.params[2].name : null;
      visit(h.fn.body, (node, parent) => {
        let expr: Node | null | undefined = null;
        if (node.type === 'ExpressionStatement') expr = node.expression;
        // items.forEach((i) => send(i))
        else if (node.type === 'ArrowFunctionExpression' && node.body.type !== 'BlockStatement' && parent?.type === 'CallExpression' && propertyName(parent.callee as Node) === 'forEach') expr = node.body;
        const e = unwrapExpression(expr?.type === 'UnaryExpression' && expr.operator === 'void' ? expr.argument : expr);
        if (!e || e.type !== 'CallExpression' || !returnsPromise(e, known)) return undefined;
        // a chain handing the callback on is the callback-handler rule's business
        if (callback && mentions(e, callback)) return undefined;
        reports.push({
          node: e,
          message: 'Promise started in the handler is neither awaited, returned nor caught: it outlives the response and an unhandled rejection can crash the worker.',
          hint: 'await it (or return it); if it must run in the background, add .catch()',
        });
        return undefined;
      });
    }
    return reports;
  },
};

function mentions(node: Node, name: string): boolean {
  let found = false;
  visit(node, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && n.name === name) found = true;
    return undefined;
  });
  return found;
}
