// Sorts every use of the callback (and every context.succeed/fail/done call) of one handler into
// the rewrite that fits it: straight-line, promise chain, or Node-style callback.
import type { CallExpression, Node, Statement } from '@babel/types';
import { dottedName, propertyName, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { planChain } from './plan-chain';
import { planDirect } from './plan-direct';
import { planWrap } from './plan-wrap';
import type { PlanScope } from './scope';
import { ownerFunction } from './tail';

/** Sorts every completion site into straight-line, promise-chain or Node-callback groups. */
export function planSites(sites: Node[], scope: PlanScope): void {
  const chains = new Map<CallExpression, Node[]>();
  const wraps = new Map<Statement, Node[]>();
  for (const site of sites) {
    const owner = ownerFunction(site, scope.index);
    const chainTop = chainLinkOf(site, owner, scope);
    if (chainTop) {
      chains.set(chainTop, [...(chains.get(chainTop) ?? []), site]);
      continue;
    }
    if (owner === scope.fn && site.type === 'CallExpression') {
      planDirect(site as CallExpression, scope.fn, scope, true);
      continue;
    }
    const wrapStmt = nodeCallbackStatement(site, owner, scope);
    if (typeof wrapStmt === 'string') scope.problems.push({ node: site, message: wrapStmt });
    else wraps.set(wrapStmt, [...(wraps.get(wrapStmt) ?? []), site]);
  }
  for (const [top, group] of chains) planChain(top, group, scope);
  for (const [stmt, group] of wraps) planWrap(stmt, group, scope);
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

export function chainMethod(node: Node | null | undefined): string | null {
  if (!node || node.type !== 'CallExpression') return null;
  const callee = unwrapExpression(node.callee);
  if (callee?.type !== 'MemberExpression') return null;
  const m = propertyName(callee);
  return m && CHAIN_METHODS.has(m) ? m : null;
}

/** When `site` sits in (or is) an argument of a `.then/.catch` link, the top call of that chain. */
function chainLinkOf(site: Node, owner: FunctionNode | undefined, scope: PlanScope): CallExpression | null {
  const arg = owner && owner !== scope.fn ? owner : site;
  const link = scope.index.parent(arg);
  if (!link || !chainMethod(link) || !(link as CallExpression).arguments.includes(arg as never)) return null;
  if (owner !== scope.fn && ownerFunction(link, scope.index) !== scope.fn) return null;
  let top = link as CallExpression;
  for (;;) {
    const member = scope.index.parent(top);
    const call = member && scope.index.parent(member);
    if (member?.type === 'MemberExpression' && member.object === top && call && chainMethod(call) && (call as CallExpression).callee === member) {
      top = call as CallExpression;
    } else return top;
  }
}

/** Callee names whose function arguments run later or many times: never a one-shot Node callback. */
const NOT_NODE_CALLBACK = new Set([
  'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener', 'subscribe',
  'setTimeout', 'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask',
  'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'flatMap', 'sort',
]);

const ERROR_PARAM = /^(e|er|err|error|ex|exc|exception)$/i;

/**
 * For a callback use inside Node-style callbacks (`api(args, (err, d) => { … })`, or the callback
 * passed on as `api(args, callback)`), the handler statement to wrap in `new Promise`; else why not.
 */
function nodeCallbackStatement(site: Node, owner: FunctionNode | undefined, scope: PlanScope): Statement | string {
  const { fn, index } = scope;
  let arg: Node = owner === fn ? site : (owner as Node);
  if (owner === fn && site.type !== 'Identifier') return 'callback used inside an expression';
  for (let depth = 0; depth < 8; depth++) {
    const call = index.parent(arg);
    const method = call?.type === 'CallExpression' ? ((dottedName(call.callee) ?? '').split('.').pop() ?? '') : '';
    if (NOT_NODE_CALLBACK.has(method)) {
      return `callback used inside \`${method}(…)\` (a listener, timer or loop may call it late or more than once; the old runtime also waited for the event loop)`;
    }
    if (!call || call.type !== 'CallExpression' || call.arguments[call.arguments.length - 1] !== arg) {
      return 'callback used as a value or inside a function that is not a Node-style callback';
    }
    if (arg !== site) {
      const g = arg as FunctionNode;
      const first = g.params[0];
      if (g.params.length > 0 && !(first.type === 'Identifier' && ERROR_PARAM.test(first.name))) {
        return 'callback called inside a function that is not a Node-style (err, result) callback';
      }
    }
    const callOwner = ownerFunction(call, index);
    if (callOwner === fn) {
      const stmt = index.parent(call);
      if (stmt?.type === 'ExpressionStatement' || (stmt?.type === 'ReturnStatement' && stmt.argument === call)) return stmt;
      return 'callback-style call used inside an expression';
    }
    if (!callOwner) return 'callback used outside the handler';
    arg = callOwner;
  }
  return 'callback nested too deeply';
}
