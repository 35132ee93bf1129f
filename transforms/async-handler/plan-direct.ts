// A completion call made by the function itself (not from a nested callback): it becomes
// `return x` / `throw e` where nothing else runs after it, or keeps the code after it running.
import type { ArrowFunctionExpression, CallExpression, Node, Statement } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import { visit } from '../analysis/walk';
import { classifyCompletion, completionKindOf, isCompletion, type Completion } from './completion';
import type { PlanScope } from './scope';
import { isInsideTryBlock, isTail, nextStatement, ownerFunction } from './tail';

/**
 * `call` completes the invocation inside function `owner` (the handler, or a `.then` callback).
 * `allowCapture`: a top-level non-final call may keep the rest (handler level only).
 */
export function planDirect(call: CallExpression, owner: FunctionNode, scope: PlanScope, allowCapture: boolean): void {
  const { index, problems, edits } = scope;
  const completion = classifyCompletion(call, scope.names);
  if (!isCompletion(completion)) {
    problems.push({ node: call, message: completion.reason });
    return;
  }
  const raises = completion.kind !== 'return';
  if (raises && isInsideTryBlock(call, owner, index)) {
    problems.push({ node: call, message: 'an error completion inside try/catch would be caught by the catch block once it throws' });
    return;
  }
  const parent = index.parent(call);
  if (owner.type === 'ArrowFunctionExpression' && owner.body === call) {
    edits.push({ kind: 'arrow-body', fn: owner as ArrowFunctionExpression, completion });
    return;
  }
  if (parent?.type === 'ReturnStatement') {
    edits.push({ kind: 'completion', stmt: parent, completion });
    return;
  }
  if (parent?.type !== 'ExpressionStatement') {
    problems.push({ node: call, message: 'callback called inside an expression' });
    return;
  }
  const next = nextStatement(parent, index);
  if (next?.type === 'ReturnStatement' && !next.argument) {
    edits.push({ kind: 'completion', stmt: parent, completion, removeNext: next });
    return;
  }
  // `case 'x': callback(null, y); break;` in a switch that ends the function
  const around = index.parent(parent);
  if (next?.type === 'BreakStatement' && !next.label && around?.type === 'SwitchCase') {
    const sw = index.parent(around);
    if (sw?.type === 'SwitchStatement' && isTail(sw, owner, index)) {
      edits.push({ kind: 'completion', stmt: parent, completion, removeNext: next });
      return;
    }
  }
  if (isTail(parent, owner, index)) {
    edits.push({ kind: 'completion', stmt: parent, completion });
    return;
  }
  if (allowCapture && owner.body.type === 'BlockStatement' && index.parent(parent) === owner.body && completion.kind !== 'both') {
    const rest = owner.body.body.slice(owner.body.body.indexOf(parent) + 1);
    const blocker = restBlocker(rest, scope);
    if (!blocker) {
      edits.push({ kind: 'capture', stmt: parent, completion, body: owner.body });
      return;
    }
    problems.push({ node: blocker, message: 'code after the callback returns, throws or completes again: control flow cannot be kept exactly' });
    return;
  }
  problems.push({
    node: call,
    message: 'callback called before the end of the handler while more code follows; control flow cannot be kept exactly',
  });
}

/** A statement of the function's own code after the completion that would change the outcome. */
function restBlocker(rest: Statement[], scope: PlanScope): Node | null {
  let blocker: Node | null = null;
  for (const stmt of rest) {
    visit(stmt, (node) => {
      if (blocker) return false;
      const own = ownerFunction(node, scope.index) === scope.fn;
      if (own && (node.type === 'ReturnStatement' || node.type === 'ThrowStatement')) blocker = node;
      else if (node.type === 'Identifier' && node.name === scope.names.callback) blocker = node;
      else if (node.type === 'CallExpression' && completionKindOf(node, scope.names)) blocker = node;
      return undefined;
    });
  }
  return blocker;
}

export type { Completion };
