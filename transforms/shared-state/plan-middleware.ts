// middleware-closure-state: a middy-style factory `() => { let x; return { before, after, onError } }`
// creates one middleware instance that serves every concurrent request of the worker, so a closure
// `let` written in `before` and read in `after` mixes requests. The value moves onto the request:
// `request.internal[xKey]`, with a Symbol key made per factory call (two instances never collide).
import type { Identifier, Node, ObjectExpression, Statement, VariableDeclaration } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { isPropertyKey } from '../analysis/names-in-use';
import { borrowLayout, moveLeadingComments, replaceReference } from './edit';
import type { ModuleModel } from './module-model';
import { patternNames } from './patterns';
import type { PlannedFinding, RewriteContext } from './types';

const RULE = 'middleware-closure-state' as const;
const HOOKS = new Set(['before', 'after', 'onError']);

interface Hook {
  fn: FunctionNode;
}

interface ClosureRef {
  id: Identifier;
  hook: FunctionNode | null;
  write: boolean;
  plainWrite: boolean;
}

export function planMiddleware(model: ModuleModel, typescript: boolean): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  for (const factory of factories(model)) {
    const body = (factory.fn.body as { body: Statement[] }).body;
    for (const stmt of body) {
      if (stmt.type !== 'VariableDeclaration' || stmt.kind !== 'let') continue;
      for (const d of stmt.declarations) {
        if (d.id.type !== 'Identifier') continue;
        const refs = closureRefs(factory.fn, d.id.name, factory.hooks, model);
        if (!refs.some((r) => r.write && r.hook)) continue;
        const name = d.id.name;
        const finding: PlannedFinding = {
          rule: RULE,
          node: stmt,
          message: `\`${name}\` is closure state of a middleware: one instance serves every concurrent request on the worker, so a hook may read the value another request wrote.`,
          hint: 'keep per-request values on the request object (request.internal)',
        };
        if (fixable(stmt, refs, typescript)) {
          finding.hint = 'moves onto request.internal under a key made per middleware instance';
          finding.rewrite = (ctx) => toRequest(ctx, stmt, d.id as Identifier, refs, model);
        }
        out.push(finding);
      }
    }
  }
  return out;
}

/** Functions whose body ends by returning an object with before/after/onError hooks. */
function factories(model: ModuleModel): Array<{ fn: FunctionNode; hooks: Hook[] }> {
  const out: Array<{ fn: FunctionNode; hooks: Hook[] }> = [];
  for (const ret of model.index.ofType('ReturnStatement')) {
    const obj = unwrapExpression(ret.argument);
    if (obj?.type !== 'ObjectExpression') continue;
    const block = model.index.parent(ret);
    const fn = block && model.index.parent(block);
    if (block?.type !== 'BlockStatement' || !isFunction(fn) || fn.body !== block) continue;
    const hooks = hooksOf(obj);
    if (hooks.length) out.push({ fn, hooks });
  }
  return out;
}

function hooksOf(obj: ObjectExpression): Hook[] {
  const hooks: Hook[] = [];
  for (const p of obj.properties) {
    if (p.type === 'SpreadElement' || p.computed || p.key.type !== 'Identifier' || !HOOKS.has(p.key.name)) continue;
    if (p.type === 'ObjectMethod') hooks.push({ fn: p });
    else if (p.type === 'ObjectProperty' && isFunction(unwrapExpression(p.value as Node))) hooks.push({ fn: unwrapExpression(p.value as Node) as FunctionNode });
  }
  return hooks;
}

/** References to the factory's `let name` (not shadowed), with the hook each lies in. */
function closureRefs(factory: FunctionNode, name: string, hooks: Hook[], model: ModuleModel): ClosureRef[] {
  const refs: ClosureRef[] = [];
  for (const id of model.index.ofType('Identifier')) {
    if (id.name !== name || !model.within(id, factory)) continue;
    const parent = model.index.parent(id);
    if (!parent || isPropertyKey(id, parent) || (parent.type === 'VariableDeclarator' && parent.id === id)) continue;
    // `{ x }`: key and value are two nodes; the value is the reference
    if (parent.type === 'ObjectProperty' && parent.key === id && !parent.computed) continue;
    if (shadowedBefore(id, factory, name, model)) continue;
    const hook = hooks.find((h) => model.within(id, h.fn))?.fn ?? null;
    const write = (parent.type === 'AssignmentExpression' && parent.left === id) || parent.type === 'UpdateExpression' ||
      (parent.type !== 'AssignmentExpression' && isPatternTarget(id, model));
    const plainWrite = parent.type === 'AssignmentExpression' && parent.left === id && parent.operator === '=' &&
      model.index.parent(parent)?.type === 'ExpressionStatement';
    refs.push({ id, hook, write, plainWrite });
  }
  return refs;
}

function isPatternTarget(id: Identifier, model: ModuleModel): boolean {
  const p = model.index.parent(id);
  if (p?.type === 'ObjectProperty') return p.value === id && model.index.parent(p)?.type === 'ObjectPattern';
  return p?.type === 'ArrayPattern' || p?.type === 'RestElement' || (p?.type === 'AssignmentPattern' && p.left === id);
}

/** A declaration of the same name between the identifier and the factory hides the closure variable. */
function shadowedBefore(id: Node, factory: FunctionNode, name: string, model: ModuleModel): boolean {
  for (let n = model.index.parent(id); n && n !== factory; n = model.index.parent(n)) {
    if (isFunction(n) && n.params.some((p) => patternNames(p as Node).includes(name))) return true;
    const stmts = n.type === 'BlockStatement' && n !== factory.body ? n.body : null;
    if (stmts?.some((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => patternNames(d.id).includes(name)))) return true;
    if (n.type === 'CatchClause' && patternNames(n.param).includes(name)) return true;
  }
  return false;
}

function fixable(stmt: VariableDeclaration, refs: ClosureRef[], typescript: boolean): boolean {
  if (stmt.declarations.length !== 1) return false;
  const init = unwrapExpression(stmt.declarations[0].init);
  if (init && !(init.type === 'Identifier' && init.name === 'undefined')) return false;
  // TypeScript: middy's Request types `internal` per middleware chain; a new key may not typecheck
  if (typescript) return false;
  return refs.every((r) => r.hook && (!r.write || r.plainWrite) && requestParam(r.hook) !== false);
}

/** The hook's request parameter name, null when it takes none (one is added), false when it is not a plain name. */
function requestParam(hook: FunctionNode): string | null | false {
  if (hook.params.length === 0) return null;
  // `(handler, next)`: middy 0.x/1.x callback style, whose request object has no `internal`
  if (hook.params.length > 1) return false;
  const first = hook.params[0];
  return first.type === 'Identifier' ? first.name : false;
}

function toRequest(ctx: RewriteContext, stmt: VariableDeclaration, id: Identifier, refs: ClosureRef[], model: ModuleModel): void {
  const { j } = ctx;
  const factory = model.innerFunction(stmt)!;
  const key = ctx.pickLocal(`${id.name}Key`, factory);
  const decl = j.variableDeclaration('const', [
    j.variableDeclarator(j.identifier(key), j.callExpression(j.identifier('Symbol'), [j.stringLiteral(id.name)])),
  ]) as unknown as Statement;
  const list = (model.index.parent(stmt) as { body: Statement[] }).body;
  moveLeadingComments(stmt, decl);
  borrowLayout(decl, stmt);
  list.splice(list.indexOf(stmt), 1, decl);
  const requestNames = new Map<FunctionNode, string>();
  const requestOf = (hook: FunctionNode) => {
    let name = requestNames.get(hook) ?? requestParam(hook);
    if (!name) {
      // the hook did not take the request: add it, under a name its body does not already use
      name = ctx.pickLocal('request', hook);
      hook.params.push(j.identifier(name) as never);
    }
    requestNames.set(hook, name);
    return name;
  };
  for (const ref of refs) {
    const slot = j.memberExpression(j.memberExpression(j.identifier(requestOf(ref.hook!)), j.identifier('internal')), j.identifier(key), true);
    replaceReference(ref.id, slot as unknown as Node, model.index);
  }
}
