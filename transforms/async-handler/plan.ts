// Decides, for every handler of a file, what async-handler rewrites and what it must leave to
// a human. The rules call it on the raw AST and the transform on the recast AST (same node
// types), so "fixable" in a report means exactly "the transform rewrites it".
import type {
  CallExpression,
  ExpressionStatement,
  File as BabelFile,
  Identifier,
  MemberExpression,
  Node,
  Statement,
} from '@babel/types';
import { dottedName, propertyName, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { isStreamingHandler, type HandlerInfo } from '../analysis/handlers';
import { isPropertyKey } from '../analysis/names-in-use';
import { indexNodes, visit, type NodeIndex } from '../analysis/walk';
import { completionKindOf, type CompletionNames } from './completion';
import type { Edit } from './edits';
import { planChain } from './plan-chain';
import { planDirect } from './plan-direct';
import { planWrap } from './plan-wrap';
import { ownerFunction } from './tail';

export interface Problem {
  node: Node;
  message: string;
}

export type HandlerKind = 'callback' | 'sync' | 'async' | 'promise' | 'streaming' | 'skipped';

export interface HandlerPlan {
  handler: HandlerInfo;
  fn: FunctionNode;
  kind: HandlerKind;
  /** why the completion rewrite cannot be done (empty = the handler is rewritten) */
  problems: Problem[];
  /** completion rewrites, applied only when `problems` is empty */
  edits: Edit[];
  /** context.succeed/fail/done calls and callbackWaitsForEmptyEventLoop assignments */
  legacy: Node[];
  /** rewrites that are safe on their own (process.exit → throw, trace id) */
  independent: Edit[];
  /** process.exit calls in the handler and whether they are rewritten */
  exits: Array<{ node: Node; fixable: boolean }>;
  /** `_X_AMZN_TRACE_ID` reads in the handler and whether they are rewritten */
  traceIds: Array<{ node: Node; fixable: boolean }>;
  /** parent links inside the handler (taken before any rewrite) */
  index: NodeIndex;
}

/** Shared state of one handler's planning. */
export interface PlanScope {
  fn: FunctionNode;
  ast: BabelFile;
  index: NodeIndex;
  names: CompletionNames;
  problems: Problem[];
  edits: Edit[];
}

const TRACE_ID = '_X_AMZN_TRACE_ID';

function paramName(fn: FunctionNode, i: number): string | null {
  const p = fn.params[i];
  if (!p) return null;
  const inner = p.type === 'AssignmentPattern' ? p.left : p;
  return inner.type === 'Identifier' ? inner.name : null;
}

/** The names a binding pattern declares (`a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`). */
function patternNames(node: Node | null | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.type === 'Identifier') out.push(node.name);
  else if (node.type === 'ObjectPattern') {
    for (const p of node.properties) patternNames(p.type === 'RestElement' ? p.argument : (p.value as Node), out);
  } else if (node.type === 'ArrayPattern') for (const e of node.elements) patternNames(e, out);
  else if (node.type === 'AssignmentPattern') patternNames(node.left, out);
  else if (node.type === 'RestElement') patternNames(node.argument, out);
  else if (node.type === 'TSParameterProperty') patternNames(node.parameter, out);
  return out;
}

/** Names declared anywhere inside `fn`'s body (a shadowed callback cannot be followed). */
function declaredInside(fn: FunctionNode, name: string): boolean {
  let found = false;
  visit(fn.body, (node) => {
    if (found) return false;
    const declared: string[] = [];
    if (node.type === 'VariableDeclarator') patternNames(node.id, declared);
    else if (node.type === 'CatchClause') patternNames(node.param, declared);
    else if (/Function|Method/.test(node.type)) {
      const f = node as FunctionNode;
      for (const p of f.params) patternNames(p, declared);
      if ((f.type === 'FunctionDeclaration' || f.type === 'FunctionExpression') && f.id) declared.push(f.id.name);
    } else if (node.type === 'ClassDeclaration' && node.id) declared.push(node.id.name);
    if (declared.includes(name)) found = true;
    return undefined;
  });
  return found;
}

/** Returns a promise in plain sight: `return new Promise(…)`, `return p.then(…)`, `return Promise.all(…)`, `.promise()`. */
function returnsPromise(fn: FunctionNode, index: NodeIndex): boolean {
  const isPromiseExpr = (e: Node | null | undefined): boolean => {
    const n = unwrapExpression(e);
    if (!n) return false;
    if (n.type === 'NewExpression') return dottedName(n.callee) === 'Promise';
    if (n.type === 'CallExpression') {
      const callee = unwrapExpression(n.callee);
      if (callee?.type === 'MemberExpression') {
        const m = propertyName(callee);
        if (m === 'then' || m === 'catch' || m === 'finally' || m === 'promise') return true;
        if (dottedName(callee.object) === 'Promise') return true;
      }
    }
    return false;
  };
  if (fn.body.type !== 'BlockStatement') return isPromiseExpr(fn.body);
  let found = false;
  visit(fn.body, (node) => {
    if (found || (node !== fn.body && /Function/.test(node.type))) return false;
    if (node.type === 'ReturnStatement' && isPromiseExpr(node.argument) && ownerFunction(node, index) === fn) found = true;
    return undefined;
  });
  return found;
}

/** The handler's own name is used elsewhere in the file: changing its signature would break that caller. */
function calledElsewhere(h: HandlerInfo, ast: BabelFile): Identifier | null {
  const fn = h.fn;
  const name =
    fn.type === 'FunctionDeclaration' && fn.id ? fn.id.name : null;
  let own = name;
  if (!own) {
    for (const stmt of ast.program.body) {
      const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
      if (decl?.type !== 'VariableDeclaration') continue;
      for (const d of decl.declarations) if (d.init === fn && d.id.type === 'Identifier') own = d.id.name;
    }
  }
  if (!own) return null;
  let use: Identifier | null = null;
  visit(ast.program, (node, parent) => {
    if (use || node === h.exportNode || node === fn) return false;
    if (node.type === 'Identifier' && node.name === own && parent && !isPropertyKey(node, parent)) {
      const isDeclaration = (parent.type === 'VariableDeclarator' && parent.id === node) || (parent.type === 'FunctionDeclaration' && parent.id === node);
      const isExport = parent.type === 'ExportSpecifier' || (parent.type === 'AssignmentExpression' && parent.right === node && /exports/.test(dottedName(parent.left) ?? ''));
      if (!isDeclaration && !isExport) use = node;
    }
    return undefined;
  });
  return use;
}

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

/** Everything async-handler would do to one handler. */
export function planHandler(h: HandlerInfo, ast: BabelFile, file: string): HandlerPlan {
  const fn = h.fn;
  const index = indexNodes(fn);
  const kind = handlerKind(h, index);
  const plan: HandlerPlan = { handler: h, fn, kind, problems: [], edits: [], legacy: [], independent: [], exits: [], traceIds: [], index };
  if (kind === 'streaming' || kind === 'skipped') return plan;

  const callback = kind === 'callback' ? paramName(fn, 2) : null;
  const context = paramName(fn, 1);
  const names: CompletionNames = { callback, context };
  const scope: PlanScope = { fn, ast, index, names, problems: plan.problems, edits: plan.edits };

  if (kind === 'callback') {
    if (fn.params.length > 3) plan.problems.push({ node: fn.params[3], message: 'handler declares more than three parameters' });
    if (!callback) plan.problems.push({ node: fn.params[2], message: 'the callback parameter is a pattern' });
    else if (declaredInside(fn, callback)) plan.problems.push({ node: fn, message: `\`${callback}\` is redeclared inside the handler` });
  }
  if (context && declaredInside(fn, context)) names.context = null;
  if (kind !== 'async' && kind !== 'promise') {
    const caller = calledElsewhere(h, ast);
    if (caller) plan.problems.push({ node: caller, message: 'the handler is also called from this file; its signature cannot change' });
  }

  // every use of the callback, and every context.succeed/fail/done call
  const sites: Node[] = [];
  visit(fn.body, (node, parent) => {
    if (node.type === 'CallExpression' && completionKindOf(node, names) && completionKindOf(node, names) !== 'callback') {
      sites.push(node);
      plan.legacy.push(node);
    } else if (callback && node.type === 'Identifier' && node.name === callback && parent && !isPropertyKey(node, parent)) {
      sites.push(parent.type === 'CallExpression' && parent.callee === node ? parent : node);
    } else if (node.type === 'AssignmentExpression' && context) {
      const left = node.left;
      if (left.type === 'MemberExpression' && dottedName(left.object) === context && propertyName(left) === 'callbackWaitsForEmptyEventLoop') {
        plan.legacy.push(node);
        if (parent?.type === 'ExpressionStatement') {
          plan.edits.push({
            kind: 'delete-statement',
            stmt: parent,
            comment: ' callbackWaitsForEmptyEventLoop removed: an async handler finishes when its promise settles',
          });
        } else plan.problems.push({ node, message: 'callbackWaitsForEmptyEventLoop assigned inside an expression' });
      }
    } else if (node.type === 'CallExpression' && dottedName(node.callee) === 'process.exit') {
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
  });

  planSites(sites, scope);
  return plan;
}

function insideTry(node: Node, fn: FunctionNode, index: NodeIndex): boolean {
  for (let p = index.parent(node); p && p !== fn; p = index.parent(p)) if (p.type === 'TryStatement') return true;
  return false;
}

/** Sorts every completion site into straight-line, promise-chain or Node-callback groups. */
function planSites(sites: Node[], scope: PlanScope): void {
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

/** The plans of every handler of a file. */
export function planFile(ast: BabelFile, handlers: readonly HandlerInfo[], file: string): HandlerPlan[] {
  return handlers.map((h) => planHandler(h, ast, file));
}
