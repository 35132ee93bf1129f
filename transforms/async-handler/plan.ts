// Decides, for every handler of a file, what async-handler rewrites and what it must leave to
// a human. The rules call it on the raw AST and the transform on the recast AST (same node
// types), so "fixable" in a report means exactly "the transform rewrites it".
import type { AssignmentExpression, CallExpression, ExpressionStatement, File as BabelFile, MemberExpression, Node } from '@babel/types';
import { dottedName, propertyName, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { isStreamingHandler, type HandlerInfo } from '../analysis/handlers';
import { isPropertyKey } from '../analysis/names-in-use';
import { isInside, visit, type NodeIndex } from '../analysis/walk';
import { completionKindOf, type CompletionNames } from './completion';
import { calledElsewhere, namesDeclaredInside, paramName, returnsPromise } from './handler-facts';
import type { HandlerKind, HandlerPlan, PlanScope } from './scope';
import { planUnwrapTry } from './plan-unwrap-try';
import { planSites } from './sites';
import { ownerFunction } from './tail';

export type { HandlerKind, HandlerPlan, PlanScope, Problem } from './scope';

const TRACE_ID = '_X_AMZN_TRACE_ID';

function handlerKind(h: HandlerInfo, index: NodeIndex): HandlerKind {
  const fn = h.fn;
  if (isStreamingHandler(h)) return 'streaming';
  if (h.wrappers.length > 0 || fn.generator || fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') return 'skipped';
  if (fn.params.length >= 3) return 'callback';
  if (fn.async) return 'async';
  return returnsPromise(fn, index) ? 'promise' : 'sync';
}

function isTraceIdRead(node: MemberExpression): boolean {
  return propertyName(node) === TRACE_ID && dottedName(node.object) === 'process.env';
}

/**
 * Everything async-handler would do to one handler. `index` is the file's node index (taken
 * before any rewrite; the transform follows its parent links while it edits).
 */
export function planHandler(h: HandlerInfo, ast: BabelFile, file: string, index: NodeIndex): HandlerPlan {
  const fn = h.fn;
  const kind = handlerKind(h, index);
  const plan: HandlerPlan = { handler: h, fn, kind, problems: [], edits: [], legacy: [], independent: [], exits: [], traceIds: [], index };
  if (kind === 'streaming' || kind === 'skipped') return plan;

  const callback = kind === 'callback' ? paramName(fn, 2) : null;
  const context = paramName(fn, 1);
  const names: CompletionNames = { callback, context };
  const scope: PlanScope = { fn, ast, index, names, problems: plan.problems, edits: plan.edits };

  const declared = callback || context ? namesDeclaredInside(fn, index, [callback, context]) : null;
  if (kind === 'callback') {
    if (fn.params.length > 3) plan.problems.push({ node: fn.params[3], message: 'handler declares more than three parameters' });
    if (!callback) plan.problems.push({ node: fn.params[2], message: 'the callback parameter is a pattern' });
    else if (declared!.has(callback)) plan.problems.push({ node: fn, message: `\`${callback}\` is redeclared inside the handler` });
  }
  if (context && declared!.has(context)) names.context = null;
  if (kind !== 'async' && kind !== 'promise') {
    const caller = calledElsewhere(h, ast, index);
    if (caller) plan.problems.push({ node: caller, message: 'the handler is also called from this file; its signature cannot change' });
  }

  // every use of the callback, and every context.succeed/fail/done call
  const sites: Node[] = [];
  const record = (node: Node, parent: Node | undefined) => {
    const completion = node.type === 'CallExpression' ? completionKindOf(node, names) : null;
    if (completion && completion !== 'callback') {
      sites.push(node);
      plan.legacy.push(node);
    } else if (callback && node.type === 'Identifier' && node.name === callback && parent && !isPropertyKey(node, parent)) {
      sites.push(parent.type === 'CallExpression' && parent.callee === node ? parent : node);
    } else if (node.type === 'AssignmentExpression' && context) {
      if (isWaitsAssignment(node, context)) {
        plan.legacy.push(node);
        if (parent?.type === 'ExpressionStatement') {
          plan.edits.push({
            kind: 'delete-statement',
            stmt: parent,
            comment: ' callbackWaitsForEmptyEventLoop removed: an async handler finishes when its promise settles',
          });
        } else plan.problems.push({ node, message: 'callbackWaitsForEmptyEventLoop assigned inside an expression' });
      }
    } else if (node.type === 'CallExpression' && isProcessExit(node)) {
      const stmt = parent;
      const fixable = stmt?.type === 'ExpressionStatement' && ownerFunction(node, index) === fn && !insideTry(node, fn, index);
      plan.exits.push({ node, fixable });
      if (fixable) plan.independent.push({ kind: 'exit-throw', stmt: stmt as ExpressionStatement, call: node });
    } else if (node.type === 'MemberExpression' && isTraceIdRead(node)) {
      const isWrite = parent?.type === 'AssignmentExpression' && parent.left === node;
      const fixable = !isWrite && !!names.context && /\.(c|m)?jsx?$/.test(file);
      plan.traceIds.push({ node, fixable });
      if (fixable) plan.independent.push({ kind: 'xray', node, context: names.context! });
    }
    return undefined;
  };
  const found = callback ? null : siteNodes(fn, index, names, context);
  if (found) {
    // the body as the walk sees it: the root has no parent
    for (const node of found) record(node, node === fn.body ? undefined : index.parent(node));
  } else visit(fn.body, record);

  planSites(sites, scope);
  if (plan.problems.length === 0) planUnwrapTry(scope);
  return plan;
}

function isWaitsAssignment(node: AssignmentExpression, context: string): boolean {
  const left = node.left;
  return left.type === 'MemberExpression' && dottedName(left.object) === context && propertyName(left) === 'callbackWaitsForEmptyEventLoop';
}

/** `dottedName(call.callee) === 'process.exit'`, without building the name for every call. */
function isProcessExit(call: CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  return (callee?.type === 'MemberExpression' || callee?.type === 'OptionalMemberExpression') && propertyName(callee) === 'exit' && dottedName(callee.object) === 'process';
}

/**
 * Without a callback, the handler walk records only context.succeed/fail/done calls and
 * callbackWaitsForEmptyEventLoop assignments (both listed in `legacy`), process.exit calls and
 * trace id reads (both listed in `independent`). Each node list of the index is in source order,
 * so the nodes of one kind are too; two kinds that share a list would need their interleaving
 * (null: walk). Else the nodes the walk would record, in its order.
 */
function siteNodes(fn: FunctionNode, index: NodeIndex, names: CompletionNames, context: string | null): Node[] | null {
  const inBody = (node: Node) => isInside(index, node, fn.body);
  const legacyCalls: Node[] = [];
  const exits: Node[] = [];
  for (const call of index.ofType('CallExpression')) {
    if (completionKindOf(call, names)) {
      if (inBody(call)) legacyCalls.push(call);
    } else if (isProcessExit(call) && inBody(call)) exits.push(call);
  }
  const waits = context ? index.ofType('AssignmentExpression').filter((node) => isWaitsAssignment(node, context) && inBody(node)) : [];
  const traces = index.ofType('MemberExpression').filter((node) => isTraceIdRead(node) && inBody(node));
  if ((legacyCalls.length > 0 && waits.length > 0) || (exits.length > 0 && traces.length > 0)) return null;
  return [...legacyCalls, ...waits, ...exits, ...traces];
}

function insideTry(node: Node, fn: FunctionNode, index: NodeIndex): boolean {
  for (let p = index.parent(node); p && p !== fn; p = index.parent(p)) if (p.type === 'TryStatement') return true;
  return false;
}

/** The plans of every handler of a file (`index`: the file's node index, see planHandler). */
export function planFile(ast: BabelFile, handlers: readonly HandlerInfo[], file: string, index: NodeIndex): HandlerPlan[] {
  return handlers.map((h) => planHandler(h, ast, file, index));
}
