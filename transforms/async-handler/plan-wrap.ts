// The callback is called from Node-style callbacks (`fs.readFile(p, (err, d) => …)`) or handed
// on as one (`api(args, callback)`): the handler statement is wrapped in `new Promise`, each
// completion becomes resolve/reject at the very same place. SDK v2 calls use `.promise()`.
import type { CallExpression, Identifier, Node, Statement } from '@babel/types';
import { unwrapExpression, type FunctionNode } from '../analysis/ast';
import { classifyCompletion, isCompletion } from './completion';
import type { PromiseSettle } from './edits';
import type { PlanScope } from './scope';
import { planFsAwait } from './plan-fs';
import { isSdkV2Client } from './sdk-v2';
import { isTail, ownerFunction } from './tail';

/** True when `call` only runs where `name` is truthy / non-null (`if (err) …` consequent). */
function guardedBy(call: Node, name: string, owner: FunctionNode, scope: PlanScope): boolean {
  let child: Node = call;
  for (let p = scope.index.parent(call); p && p !== owner; child = p, p = scope.index.parent(p)) {
    if (p.type !== 'IfStatement' || p.consequent !== child) continue;
    const t = unwrapExpression(p.test);
    if (t?.type === 'Identifier' && t.name === name) return true;
    if (t?.type === 'BinaryExpression' && (t.operator === '!=' || t.operator === '!==') && t.left.type === 'Identifier' && t.left.name === name && t.right.type === 'NullLiteral' && t.operator === '!=') return true;
  }
  return false;
}

function errorParam(owner: FunctionNode | undefined): string | null {
  const p = owner?.params[0];
  return p?.type === 'Identifier' ? p.name : null;
}

export function planWrap(stmt: Statement, sites: Node[], scope: PlanScope): void {
  const { fn, index, problems, edits } = scope;
  if (stmt.type === 'ExpressionStatement' && !isTail(stmt, fn, index)) {
    problems.push({ node: sites[0], message: 'Node-style callback call is not the last statement of the handler' });
    return;
  }
  const call = (stmt.type === 'ExpressionStatement' ? stmt.expression : (stmt as { argument: Node }).argument) as CallExpression;
  // SDK v2: the callback handed straight to a client method → `.promise()`
  if (sites.length === 1 && sites[0] === call.arguments[call.arguments.length - 1] && call.callee.type === 'MemberExpression' && isSdkV2Client(call.callee.object, scope.ast)) {
    edits.push({ kind: 'sdk-promise', stmt, call });
    return;
  }
  if (planFsAwait(stmt, sites, scope)) return;
  const settles: Array<{ call: CallExpression; settle: PromiseSettle }> = [];
  const passes: Identifier[] = [];
  const statementsWithCompletion = new Set<Node>();
  for (const site of sites) {
    if (site.type === 'Identifier') {
      passes.push(site);
      continue;
    }
    const completion = classifyCompletion(site as CallExpression, scope.names);
    if (!isCompletion(completion)) {
      problems.push({ node: site, message: completion.reason });
      return;
    }
    const owner = ownerFunction(site, index);
    const parent = index.parent(site);
    if (parent?.type === 'ExpressionStatement') {
      const block = index.parent(parent);
      if (block && statementsWithCompletion.has(block)) {
        problems.push({ node: site, message: 'callback called twice in a row' });
        return;
      }
      if (block) statementsWithCompletion.add(block);
    }
    const err = errorParam(owner);
    let settle: PromiseSettle;
    if (completion.kind === 'return') settle = { kind: 'resolve', value: completion.value };
    else {
      const e = unwrapExpression(completion.error);
      // `callback(err)` with the Node callback's own error: null on success in the old model too
      const mayBeNull = e?.type === 'Identifier' && e.name === err && !guardedBy(site, e.name, owner!, scope);
      if (completion.kind === 'throw') settle = mayBeNull ? { kind: 'either', error: completion.error, value: null } : { kind: 'reject', error: completion.error };
      else settle = e?.type === 'Identifier' && guardedBy(site, e.name, owner!, scope) ? { kind: 'reject', error: completion.error } : { kind: 'either', error: completion.error, value: completion.value };
    }
    settles.push({ call: site as CallExpression, settle });
  }
  edits.push({ kind: 'promise-wrap', stmt, settles, passes });
}
