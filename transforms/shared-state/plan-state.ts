// module-state-per-request: a module `let` (or a module array/Map/Set reset per request) that holds
// one request's data while other requests run on the same worker.
//   let user; handler: user = event.user; … helper() reads user
//     → handler: const user = event.user; … helper(…, user)     (a local, passed to in-file helpers)
//   const failures = []; handler: failures.length = 0; … push …; return failures
//     → handler: const failures = [];                            (a fresh accumulator per invocation)
// Anything else that is per-request state is reported, not rewritten.
import type { CallExpression, ExpressionStatement, Identifier, Node, Statement } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { ensureImport } from '../analysis/add-import';
import { borrowLayout, cloneNode, moveLeadingComments, removeStatement, replaceReference, statementList } from './edit';
import { containsAwait, isConstantValue, refPerRequestFunction } from './facts';
import type { BindingRef, ModuleBinding, ModuleModel } from './module-model';
import { isCounter } from './plan-counter';
import type { PlannedFinding, RewriteContext } from './types';
import { helperCalls, threadThrough } from './thread-helpers';
import { planObjectState } from './plan-object-state';
import { mayReenter } from './reentry';
import { planInstanceState } from './plan-instance-state';

const RULE = 'module-state-per-request' as const;

export function planModuleState(model: ModuleModel, typescript: boolean): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  for (const binding of model.bindings.values()) {
    const kind = stateKind(binding, model);
    if (!kind || !interleaves(binding, model)) continue;
    const where = !model.helperModule ? 'a request' : 'an exported function (this module has no handler: its exports run per request when a handler calls them)';
    const message = `\`${binding.name}\` is module state written by ${where}: concurrent requests on the worker share it, so after an await it may hold another request's data.`;
    const finding: PlannedFinding = { rule: RULE, node: binding.statement, message, hint: hintFor(binding) };
    if (model.helperModule && !rewritableInHelperModule(binding, model)) {
      out.push(finding);
      continue;
    }
    if (kind === 'object') {
      const objectPlan = planObjectState(binding, model, typescript);
      if (objectPlan) {
        finding.hint = `becomes a fresh object per invocation, local to the ${model.helperModule ? 'exported function' : 'handler'} (passed to the in-file functions that read it)`;
        finding.rewrite = objectPlan;
      }
      out.push(finding);
      continue;
    }
    const plan = planLocal(binding, kind, model, typescript);
    // a helper module has no handler body to run in a store: only plain locals
    if (plan && !(model.helperModule && plan.mode === 'store')) {
      finding.hint = plan.mode === 'store'
        ? 'becomes a local of the handler; the functions it calls read it from an AsyncLocalStorage store (node:async_hooks)'
        : `becomes a local of the ${model.helperModule ? 'exported function' : 'handler'}${plan.helpers.length ? ', passed to the in-file functions that read it' : ''}`;
      finding.rewrite = (ctx) => toLocal(ctx, binding, plan, model);
    }
    out.push(finding);
  }
  out.push(...planInstanceState(model));
  return out;
}

/** Another request can run between the write and a read only at an await: no await anywhere near it, no hazard. */
function interleaves(binding: ModuleBinding, model: ModuleModel): boolean {
  return model.helperModule || awaitsNear(binding);
}

/**
 * In a helper module (always reported: its callers may await between calls), a rewrite needs an
 * await near the state as in a handler file, and functions that run no caller-supplied code.
 */
function rewritableInHelperModule(binding: ModuleBinding, model: ModuleModel): boolean {
  if (!awaitsNear(binding)) return false;
  const tops = new Set(binding.refs.map((r) => r.top));
  return [...tops].every((top) => top !== null && !mayReenter(top, model));
}

function awaitsNear(binding: ModuleBinding): boolean {
  const fns = new Set<FunctionNode>();
  for (const r of binding.refs) {
    if (r.fn) fns.add(r.fn);
    if (r.top) fns.add(r.top);
  }
  return [...fns].some((fn) => containsAwait(fn.body as Node));
}

function hintFor(binding: ModuleBinding): string {
  if (binding.exported) return 'exported state: other modules read or write it; pass the value explicitly or use AsyncLocalStorage (node:async_hooks)';
  return 'keep it in a local (pass it to the functions that need it) or in AsyncLocalStorage (node:async_hooks)';
}

type StateKind = 'binding' | 'reset' | 'object';

/** What kind of per-request state the binding is, or null when it is not per-request state. */
function stateKind(binding: ModuleBinding, model: ModuleModel): StateKind | null {
  const perRequest = binding.refs.filter((r) => refPerRequestFunction(r, model));
  if (binding.kind === 'let' || binding.kind === 'var') {
    if (isCounter(binding)) return null;
    const writes = perRequest.filter((r) => r.kind === 'write');
    if (writes.length === 0) return null;
    const assigns = writes.map((w) => plainAssignment(w, model));
    if (assigns.some((a) => a === null)) return null; // compound, update, logical, destructuring: other rules
    if (assigns.every((a) => isConstantValue(a!.right))) return null; // same value for every request
    if (assigns.some((a) => derivesFrom(a!.right, binding, model))) return null; // an accumulator: rmw-across-await
    if (writes.some((w) => guardedBy(w, binding, model))) return null; // lazy initialisation
    return 'binding';
  }
  if (binding.kind !== 'const') return null;
  const mutations = perRequest.filter((r) => r.kind === 'mutate');
  if (mutations.length === 0) return null;
  if (containerInit(binding.init) && mutations.some((m) => isReset(m, binding, model))) return 'reset';
  const init = unwrapExpression(binding.init);
  if (init?.type === 'ObjectExpression' && mutations.some((m) => propertyWrite(m, binding, model))) return 'object';
  return null;
}

function plainAssignment(ref: BindingRef, model: ModuleModel) {
  const p = model.index.parent(ref.id);
  return p?.type === 'AssignmentExpression' && p.operator === '=' && p.left === ref.id ? p : null;
}

/** The written value uses the binding, or a local read from it in the same function. */
function derivesFrom(value: Node, binding: ModuleBinding, model: ModuleModel): boolean {
  const names = new Set([binding.name]);
  const fn = model.innerFunction(value);
  for (const r of binding.refs) {
    if (r.kind !== 'read' || r.fn !== fn) continue;
    const p = model.index.parent(r.id);
    if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') names.add(p.id.name);
  }
  return mentionsAny(value, names);
}

export function mentionsAny(node: Node, names: Set<string>): boolean {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Identifier' && names.has(n.name)) return true;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'comments' || k === 'original' || (n.type === 'MemberExpression' && k === 'property' && !n.computed)) continue;
      if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && 'type' in c && stack.push(c as Node));
      else if (v && typeof v === 'object' && 'type' in v) stack.push(v as Node);
    }
  }
  return false;
}

/** `if (!x) x = …`, `x || (x = …)`: a lazy initialisation (lazy-init-race), not request data. */
function guardedBy(ref: BindingRef, binding: ModuleBinding, model: ModuleModel): boolean {
  const names = new Set([binding.name]);
  for (let n = model.index.parent(ref.id); n && !isFunction(n); n = model.index.parent(n)) {
    if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && mentionsAny(n.test, names)) return true;
    if (n.type === 'LogicalExpression' && mentionsAny(n.left, names)) return true;
  }
  return false;
}

export function containerInit(init: Node | null | undefined): 'array' | 'collection' | null {
  const n = unwrapExpression(init);
  if (n?.type === 'ArrayExpression' && n.elements.length === 0) return 'array';
  if (n?.type === 'NewExpression' && n.arguments.length === 0 && n.callee.type === 'Identifier' && (n.callee.name === 'Map' || n.callee.name === 'Set')) return 'collection';
  return null;
}

/** `x.length = 0` (array) / `x.clear()` (Map, Set) as a statement of its own. */
function isReset(ref: BindingRef, binding: ModuleBinding, model: ModuleModel): boolean {
  return resetStatement(ref, binding, model) !== null;
}

function resetStatement(ref: BindingRef, binding: ModuleBinding, model: ModuleModel): ExpressionStatement | null {
  const member = model.index.parent(ref.id);
  if (member?.type !== 'MemberExpression' || member.object !== ref.id || member.computed || member.property.type !== 'Identifier') return null;
  const use = model.index.parent(member);
  const stmt = use && model.index.parent(use);
  if (stmt?.type !== 'ExpressionStatement') return null;
  const kind = containerInit(binding.init);
  if (kind === 'array' && member.property.name === 'length' && use?.type === 'AssignmentExpression' && use.operator === '=' &&
    use.left === member && unwrapExpression(use.right)?.type === 'NumericLiteral' && (unwrapExpression(use.right) as { value: number }).value === 0) return stmt;
  if (kind === 'collection' && member.property.name === 'clear' && use?.type === 'CallExpression' && use.callee === member && use.arguments.length === 0) return stmt;
  return null;
}

/** `state.field = <request data>` (plain assignment, not an accumulation or a lazy init). */
function propertyWrite(ref: BindingRef, binding: ModuleBinding, model: ModuleModel): boolean {
  const member = model.index.parent(ref.id);
  const use = member && model.index.parent(member);
  return member?.type === 'MemberExpression' && use?.type === 'AssignmentExpression' && use.operator === '=' && use.left === member &&
    !isConstantValue(use.right) && !derivesFrom(use.right, binding, model) && !guardedBy(ref, binding, model);
}

interface LocalPlan {
  handler: FunctionNode;
  /** `x = v;` or the reset statement: becomes `const x = …;` */
  start: ExpressionStatement;
  /** the statement list holding it */
  list: Statement[];
  value: Node;
  /** 'locals': in-file helpers get a parameter; 'store': readers deeper down use AsyncLocalStorage */
  mode: 'locals' | 'store';
  helpers: Array<{ fn: FunctionNode; calls: CallExpression[] }>;
  /** store mode: the references outside the handler, read through the store */
  storeRefs: BindingRef[];
}

function planLocal(binding: ModuleBinding, kind: 'binding' | 'reset', model: ModuleModel, typescript: boolean): LocalPlan | null {
  if (binding.exported) return null;
  const declarator = binding.declarator;
  if (!declarator || declarator.id.type !== 'Identifier') return null;
  const starts = binding.refs
    .map((r) => (kind === 'binding' ? (plainAssignment(r, model) ? (model.index.parent(model.index.parent(r.id)!) as Node) : null) : resetStatement(r, binding, model)))
    .filter((s): s is ExpressionStatement => s?.type === 'ExpressionStatement');
  if (starts.length !== 1) return null;
  const start = starts[0];
  // a statement of the handler itself (its body, or a block of it such as a try block)
  const handler = model.handlers.find((h) => h.fn === model.innerFunction(start))?.fn;
  const block = model.index.parent(start);
  const list = statementList(start, model.index);
  if (!handler || !block || !list) return null;
  // the local is in scope after the start, in its block
  const inScopeAfter = (n: Node) => model.within(n, block) && model.after(n, start);
  const value = kind === 'binding' ? (unwrapExpression(start.expression) as { right: Node }).right : (binding.init as Node);
  if (kind === 'binding' && binding.refs.some((r) => r.kind === 'write' && !model.within(r.id, start))) return null;
  // every use comes after the start, in the handler or in functions only it (transitively) calls
  const byFunction = new Map<FunctionNode, BindingRef[]>();
  for (const r of binding.refs) {
    if (!r.top) return null;
    if (r.top === handler && !model.within(r.id, start) && !inScopeAfter(r.id)) return null;
    // a hoisted function declaration in the handler could run before the local exists
    if (r.top === handler && r.fn !== handler && r.fn?.type === 'FunctionDeclaration') return null;
    byFunction.set(r.top, [...(byFunction.get(r.top) ?? []), r]);
  }
  const readers = [...byFunction.entries()].filter(([fn]) => fn !== handler);
  for (const [, refs] of readers) {
    if (kind === 'binding' && refs.some((r) => r.kind === 'write')) return null;
    if (kind === 'reset' && refs.some((r) => resetStatement(r, binding, model))) return null;
  }
  if (readers.length && typescript && !declarator.id.typeAnnotation) return null;
  const helpers: LocalPlan['helpers'] = [];
  for (const [fn] of readers) {
    const calls = helperCalls(fn, handler, inScopeAfter, model);
    if (!calls) break;
    helpers.push({ fn, calls });
  }
  if (helpers.length === readers.length) return { handler, start, list, value, mode: 'locals', helpers, storeRefs: [] };
  // deeper readers: AsyncLocalStorage, when every reader only ever runs inside this handler's invocation;
  // the rest of the handler body runs in the store, so the start must be a statement of the body itself
  if (block !== handler.body || handler.params.length >= 3) return null;
  const extent = invocationExtent(handler, inScopeAfter, model);
  if (!readers.every(([fn]) => extent.has(fn))) return null;
  return { handler, start, list, value, mode: 'store', helpers: [], storeRefs: readers.flatMap(([, refs]) => refs) };
}

/**
 * Non-exported module functions that only run inside the handler's invocation, after `start`:
 * every reference to them is a direct call made by the handler (after `start`) or by another such function.
 */
function invocationExtent(handler: FunctionNode, inScopeAfter: (n: Node) => boolean, model: ModuleModel): Set<FunctionNode> {
  const candidates = new Map<FunctionNode, ModuleBinding>();
  for (const b of model.bindings.values()) if (b.fn && b.fn !== handler && !b.exported) candidates.set(b.fn, b);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [fn, b] of candidates) {
      const ok = b.refs.every((r) => {
        const call = model.index.parent(r.id);
        if (call?.type !== 'CallExpression' || call.callee !== r.id || !r.top) return false;
        if (r.top === handler) return inScopeAfter(call);
        return candidates.has(r.top);
      });
      if (!ok || b.refs.length === 0) {
        candidates.delete(fn);
        changed = true;
      }
    }
  }
  return new Set(candidates.keys());
}


function toLocal(ctx: RewriteContext, binding: ModuleBinding, plan: LocalPlan, model: ModuleModel): void {
  const { j } = ctx;
  const body = plan.list;
  const value = plan.start.expression.type === 'AssignmentExpression' ? plan.value : cloneNode(plan.value);
  // reset state (`x.length = 0`, `x.clear()`) starts from the module initializer
  const reset = plan.value === binding.init;
  const id = j.identifier(binding.name);
  // a fresh `[]` / `new Map()` keeps the declared element types (`const failures: Failure[] = []`)
  const annotation = (binding.declarator?.id as Identifier | undefined)?.typeAnnotation;
  if (reset && ctx.typescript && annotation) id.typeAnnotation = cloneNode(annotation as Node) as never;
  const decl = j.variableDeclaration('const', [j.variableDeclarator(id, value as never)]) as unknown as Statement;
  moveLeadingComments(plan.start, decl);
  borrowLayout(decl, plan.start);
  body.splice(body.indexOf(plan.start as Statement), 1, decl);
  threadThrough(ctx, binding, plan.helpers);
  if (plan.mode === 'store') {
    useStore(ctx, binding, plan, decl, model);
    return;
  }
  removeDeclaration(ctx, binding, decl);
}

/**
 * `const xStore = new AsyncLocalStorage()` where the module binding was; the rest of the handler
 * body runs in `xStore.run({ x }, …)`; readers deeper down read `xStore.getStore().x`.
 */
function useStore(ctx: RewriteContext, binding: ModuleBinding, plan: LocalPlan, local: Statement, model: ModuleModel): void {
  const { j } = ctx;
  const name = binding.name;
  const { AsyncLocalStorage } = ensureImport({ j, root: ctx.root, style: ctx.style }, { source: 'node:async_hooks', named: ['AsyncLocalStorage'] });
  const store = ctx.pick(`${name}Store`);
  const annotation = (binding.declarator!.id as Identifier).typeAnnotation;
  const typeText = ctx.typescript && annotation?.type === 'TSTypeAnnotation' ? j(annotation.typeAnnotation as never).toSource() : null;
  // parsed from text so the store's type prints on one line, as a person would write it
  const storeDecl = j(`const ${store} = new ${AsyncLocalStorage}${typeText ? `<{ ${name}: ${typeText} }>` : ''}();`).get().node.program.body[0] as Statement;
  const body = (plan.handler.body as { body: Statement[] }).body;
  const at = body.indexOf(local);
  const rest = body.splice(at + 1);
  // parsed from text so `{ x }` prints on one line as written
  const template = j(`${store}.run({ ${name} }, ${plan.handler.async ? 'async ' : ''}() => {});`).get().node.program.body[0];
  const call = template.expression as { arguments: Array<{ body: { body: Statement[] } }> };
  call.arguments[1].body.body = rest;
  const run = j.returnStatement(call as never) as unknown as Statement;
  if (rest.length) borrowLayout(run, rest[0], rest[rest.length - 1]);
  body.push(run);
  for (const ref of plan.storeRefs) {
    const current = j.callExpression(j.memberExpression(j.identifier(store), j.identifier('getStore')), []);
    const holder = ctx.typescript ? j.tsNonNullExpression(current) : current;
    replaceReference(ref.id, j.memberExpression(holder, j.identifier(name)) as unknown as Node, model.index);
  }
  replaceDeclaration(ctx, binding, storeDecl, local);
}

/** The store takes the module binding's place (its comments stay with it). */
function replaceDeclaration(ctx: RewriteContext, binding: ModuleBinding, replacement: Statement, local: Statement): void {
  const stmt = binding.statement;
  const list = ctx.program.body;
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length > 1) {
    stmt.declarations = stmt.declarations.filter((d) => d !== binding.declarator);
    list.splice(list.indexOf(stmt) + 1, 0, replacement);
    return;
  }
  void local;
  moveLeadingComments(stmt, replacement);
  borrowLayout(replacement, stmt);
  list.splice(list.indexOf(stmt), 1, replacement);
}

/** Drops the module declaration; its comments describe the value, so they go with the new local. */
function removeDeclaration(ctx: RewriteContext, binding: ModuleBinding, local: Statement): void {
  const stmt = binding.statement;
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length > 1) {
    stmt.declarations = stmt.declarations.filter((d) => d !== binding.declarator);
    return;
  }
  moveLeadingComments(stmt, local);
  removeStatement(ctx.program.body, stmt);
}
