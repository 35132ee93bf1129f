// A callback handed along a promise chain: `p.then(r => callback(null, r)).catch(callback)`.
// The chain is returned instead; `.then` callbacks return/throw; pure forwarding links go.
import type { CallExpression, Expression, Node } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { visit } from '../analysis/walk';
import { classifyCompletion, completionKindOf, isCompletion } from './completion';
import type { PlanScope } from './scope';
import { chainMethod } from './sites';
import { planDirect } from './plan-direct';
import { isTail, ownerFunction } from './tail';

/** Links of a chain in source order: `p.then(a).catch(b)` → [then(a), catch(b)]. */
function chainLinks(top: CallExpression): CallExpression[] {
  const links: CallExpression[] = [];
  for (let cur: Node | null | undefined = top; cur && chainMethod(cur); ) {
    const call = cur as CallExpression;
    links.unshift(call);
    cur = unwrapExpression(call.callee)?.type === 'MemberExpression' ? (unwrapExpression(call.callee) as { object: Node }).object : null;
  }
  return links;
}

function involves(node: Node | undefined, sites: Node[]): boolean {
  if (!node) return false;
  let found = false;
  visit(node, (n) => {
    if (found) return false;
    if (sites.includes(n)) found = true;
    return undefined;
  });
  return found;
}

/** `callback`, `e => callback(e)`, `function (e) { callback(e); }`: hands the rejection on unchanged. */
function isForwardingRejection(arg: Node | undefined, scope: PlanScope): boolean {
  const a = unwrapExpression(arg);
  if (!a) return false;
  if (a.type === 'Identifier') return a.name === scope.names.callback;
  if (!isFunction(a) || a.params.length !== 1 || a.params[0].type !== 'Identifier') return false;
  const param = a.params[0].name;
  let body: Node | null = a.body;
  if (body.type === 'BlockStatement') body = body.body.length === 1 && body.body[0].type === 'ExpressionStatement' ? body.body[0].expression : null;
  if (!body || body.type !== 'CallExpression' || !completionKindOf(body, scope.names)) return false;
  const c = classifyCompletion(body, scope.names);
  return isCompletion(c) && c.kind === 'throw' && unwrapExpression(c.error)?.type === 'Identifier' && (unwrapExpression(c.error) as { name: string }).name === param;
}

/** `r => callback(null, r)`: passes the value on unchanged. */
function isForwardingValue(arg: Node | undefined, scope: PlanScope): boolean {
  const a = unwrapExpression(arg);
  if (!a || a.type !== 'ArrowFunctionExpression' || a.params.length !== 1 || a.params[0].type !== 'Identifier') return false;
  if (a.body.type !== 'CallExpression') return false;
  const c = classifyCompletion(a.body, scope.names);
  const v = isCompletion(c) && c.kind === 'return' ? unwrapExpression(c.value) : null;
  return !!v && v.type === 'Identifier' && v.name === (a.params[0] as { name: string }).name;
}

export function planChain(top: CallExpression, sites: Node[], scope: PlanScope): void {
  const { fn, index, problems, edits } = scope;
  const fail = (message: string) => problems.push({ node: sites[0], message });
  const stmt = index.parent(top);
  const returned = stmt?.type === 'ReturnStatement' || (fn.type === 'ArrowFunctionExpression' && fn.body === top);
  if (!returned && !(stmt?.type === 'ExpressionStatement' && isTail(stmt, fn, index))) {
    return void fail('promise chain with the callback is not the last statement of the handler');
  }
  const links = chainLinks(top);
  const last = links[links.length - 1];
  const lastMethod = chainMethod(last);
  let success: CallExpression;
  let rejection: { call: CallExpression; index: number } | null = null;
  if (lastMethod === 'catch' && links.length >= 2 && chainMethod(links[links.length - 2]) === 'then') {
    success = links[links.length - 2];
    rejection = { call: last, index: 0 };
    if (success.arguments.length !== 1) return void fail('promise chain shape not recognised');
  } else if (lastMethod === 'then') {
    success = last;
    if (success.arguments.length === 2) rejection = { call: last, index: 1 };
  } else {
    return void fail('promise chain without a `.then` that completes the invocation');
  }
  const involved = links.filter((l) => l.arguments.some((a) => involves(a, sites)));
  if (involved.some((l) => l !== success && l !== rejection?.call)) {
    return void fail('callback used in a promise chain link that is not the last one');
  }
  const onSuccess = success.arguments[0] as Expression;
  if (!isFunction(onSuccess) || !involves(onSuccess, sites)) return void fail('promise chain shape not recognised');
  const onRejection = rejection ? (rejection.call.arguments[rejection.index] as Expression) : undefined;
  const forwardsRejection = !rejection || isForwardingRejection(onRejection, scope);
  if (rejection && !forwardsRejection && !(isFunction(onRejection) && involves(onRejection, sites))) {
    return void fail('promise chain rejection handler not recognised');
  }

  // every site must be a completion made directly by one of the two link callbacks
  for (const site of sites) {
    const owner = ownerFunction(site, index);
    if (site.type === 'Identifier') {
      if (site === unwrapExpression(onRejection) && forwardsRejection) continue;
      return void fail('callback passed as a value inside a promise chain');
    }
    if (owner !== onSuccess && owner !== onRejection) return void fail('callback called from a function nested in a promise chain');
    if (owner === onRejection && forwardsRejection) continue;
    if (owner === onSuccess && !forwardsRejection && rejection?.index === 0) {
      const c = classifyCompletion(site as CallExpression, scope.names);
      if (isCompletion(c) && c.kind !== 'return') {
        return void fail('an error completion in `.then` would now reach the `.catch` handler');
      }
    }
  }
  const before = problems.length;
  if (isForwardingValue(onSuccess, scope) && success.arguments.length === 1) edits.push({ kind: 'drop-link', call: success });
  else for (const site of sites) if (ownerFunction(site, index) === onSuccess) planDirect(site as CallExpression, onSuccess as FunctionNode, scope, false);
  if (rejection && forwardsRejection) {
    edits.push(rejection.index === 0 ? { kind: 'drop-link', call: rejection.call } : { kind: 'drop-arg', call: rejection.call, index: 1 });
  } else if (rejection) {
    for (const site of sites) if (ownerFunction(site, index) === onRejection) planDirect(site as CallExpression, onRejection as FunctionNode, scope, false);
  }
  if (problems.length === before && stmt?.type === 'ExpressionStatement') edits.push({ kind: 'return-statement', stmt });
}
