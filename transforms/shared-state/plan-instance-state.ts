// module-state-per-request, class form: a handler object created once at module scope
// (`const h = new OrderHandler(); export const handler = (e) => h.handle(e)`, or
// `h.handle.bind(h)`) is module state too: every concurrent request on the worker runs its methods
// on the same instance, so `this.userId = event.userId; await load(); … this.userId` may read
// another request's value. Reported for every property a per-request method writes.
//   Rewritten only when provably exact: the property is written once, as a statement of the
//   method's own body, read only after that in the same method, and nothing else can see it
//   (the class is not exported and has no superclass, `this` never escapes, every instance is
//   only used to call methods) → a local of the method; its field declaration and constant
//   constructor initialisation go away.
import type { AssignmentExpression, ClassBody, ExpressionStatement, MemberExpression, Node, Statement } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { moduleExports } from '../analysis/handlers';
import { visit } from '../analysis/walk';
import { borrowLayout, moveLeadingComments, removeStatement, replaceReference } from './edit';
import { containsAwait, isConstantValue, refPerRequestFunction } from './facts';
import type { ModuleBinding, ModuleModel } from './module-model';
import { methodMayReenter } from './reentry';
import type { PlannedFinding, RewriteContext } from './types';

const RULE = 'module-state-per-request' as const;

type ClassMethodNode = Extract<Node, { type: 'ClassMethod' }>;

interface HandlerClass {
  name: string;
  binding: ModuleBinding;
  body: ClassBody;
  node: Node;
}

interface Instance {
  /** how the finding names it (markdown): the binding, or the export a `module.exports = new C()` is */
  name: string;
  /** null for an instance exported without a name of its own */
  binding: ModuleBinding | null;
  cls: HandlerClass;
  /** methods invoked on it per request (directly, or bound and exported) */
  entries: Set<string>;
  /** used for anything but calling or binding its methods */
  escapes: boolean;
}

export function planInstanceState(model: ModuleModel): PlannedFinding[] {
  const classes = inFileClasses(model);
  if (classes.size === 0) return [];
  // what the module exports, with `exports.handler = handler` followed to `const handler = …`
  const exportedValues: Node[] = [];
  for (const [, value] of moduleExports(model.ast)) {
    const v = unwrapExpression(value);
    const named = v?.type === 'Identifier' ? model.bindings.get(v.name)?.init : null;
    if (v) exportedValues.push(v);
    if (named) exportedValues.push(named);
  }
  const instances: Instance[] = [];
  for (const binding of model.bindings.values()) {
    if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') continue;
    const init = unwrapExpression(binding.init);
    if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier') continue;
    const cls = classes.get(init.callee.name);
    if (cls) instances.push(usesOf(binding, cls, exportedValues, model));
  }
  // `module.exports = new C()`, `export default new C()`: other modules call any of its methods
  for (const [exportName, value] of moduleExports(model.ast)) {
    const v = unwrapExpression(value);
    const cls = v?.type === 'NewExpression' && v.callee.type === 'Identifier' ? classes.get(v.callee.name) : undefined;
    if (cls) instances.push({ name: exportName === 'default' ? 'the default export' : `\`${exportName}\``, binding: null, cls, entries: new Set(classMethods(cls).keys()), escapes: true });
  }
  const out: PlannedFinding[] = [];
  const reported = new Set<Node>();
  for (const instance of instances) {
    if (instance.entries.size === 0) continue;
    const methods = reachedMethods(instance.cls, instance.entries);
    if (![...methods.values()].some((m) => containsAwait(m.body))) continue; // no await: requests never interleave in them
    for (const [method, writes] of perRequestWrites(methods, model)) {
      for (const [property, write] of writes) {
        if (reported.has(write)) continue;
        reported.add(write);
        const shared = instance.binding?.exported || !instance.binding ? ', exported (other modules call its methods per request)' : '';
        const message = `\`this.${property}\` is written per request on ${instance.name}, one \`${instance.cls.name}\` instance created at module scope${shared}: concurrent requests on the worker share it, so after an await it may hold another request's data.`;
        const finding: PlannedFinding = {
          rule: RULE,
          node: write,
          message,
          hint: 'keep per-request data in locals (pass it to the methods that need it), or create the instance per request (`new ' + instance.cls.name + '().' + [...instance.entries][0] + '(event)`) when its constructor is cheap',
        };
        const rewrite = planLocal(property, write, method, instance, instances, model);
        if (rewrite) {
          finding.hint = `becomes a local of \`${methodName(method)}\`: the property is written and read only there`;
          finding.rewrite = rewrite;
        }
        out.push(finding);
      }
    }
  }
  return out;
}

/** Module classes: `class C {}` and `const C = class {}`. */
function inFileClasses(model: ModuleModel): Map<string, HandlerClass> {
  const out = new Map<string, HandlerClass>();
  for (const binding of model.bindings.values()) {
    let node: Node | null | undefined = null;
    if (binding.kind === 'class') {
      const s = binding.statement;
      node = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? (s.declaration as Node) : s;
    } else if (binding.kind === 'const') node = unwrapExpression(binding.init);
    if (node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression') out.set(binding.name, { name: binding.name, binding, body: node.body, node });
  }
  return out;
}

/** The methods a module instance has called per request, and whether it is used any other way. */
function usesOf(binding: ModuleBinding, cls: HandlerClass, exportedValues: Node[], model: ModuleModel): Instance {
  // exported: other modules may call any of its methods per request
  const instance: Instance = { name: `\`${binding.name}\``, binding, cls, entries: new Set(binding.exported ? classMethods(cls).keys() : []), escapes: binding.exported };
  for (const ref of binding.refs) {
    if (ref.kind !== 'read') {
      instance.escapes = true;
      continue;
    }
    const use = methodUse(ref.id, model);
    if (!use) {
      // the `h` of `h.m.bind(h)` only binds
      const call = model.index.parent(ref.id);
      if (call?.type === 'CallExpression' && call.arguments.length === 1 && call.arguments[0] === ref.id && bindOf(call, binding.name)) continue;
      instance.escapes = true;
      continue;
    }
    if (use.how === 'call' && refPerRequestFunction(ref, model)) instance.entries.add(use.method);
    // a bound method in what the module exports: `h.m.bind(h)`, `middy(h.m.bind(h)).use(…)`
    if (use.how === 'bind' && exportedValues.some((v) => model.within(use.node, v))) instance.entries.add(use.method);
  }
  return instance;
}

/** `h.m(…)` (a call) or `h.m.bind(h)` (a bound method): the method's name, else null. */
function methodUse(id: Node, model: ModuleModel): { method: string; how: 'call' | 'bind'; node: Node } | null {
  const member = model.index.parent(id);
  if (member?.type !== 'MemberExpression' || member.object !== id || member.computed || member.property.type !== 'Identifier') return null;
  const method = member.property.name;
  const outer = model.index.parent(member);
  if (outer?.type === 'CallExpression' && outer.callee === member) return { method, how: 'call', node: outer };
  if (outer?.type === 'MemberExpression' && outer.object === member) {
    const call = model.index.parent(outer);
    const name = (id as { name: string }).name;
    if (call?.type === 'CallExpression' && call.callee === outer && bindOf(call, name)) return { method, how: 'bind', node: call };
  }
  return null;
}

/** `<name>.<m>.bind(<name>)` */
function bindOf(call: Extract<Node, { type: 'CallExpression' }>, name: string): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'bind') return false;
  const arg = call.arguments[0];
  return call.arguments.length === 1 && arg.type === 'Identifier' && arg.name === name &&
    callee.object.type === 'MemberExpression' && callee.object.object.type === 'Identifier' && callee.object.object.name === name;
}

function classMethods(cls: HandlerClass): Map<string, ClassMethodNode> {
  const out = new Map<string, ClassMethodNode>();
  for (const m of cls.body.body) {
    if (m.type === 'ClassMethod' && m.kind === 'method' && !m.static && !m.computed && m.key.type === 'Identifier') out.set(m.key.name, m);
  }
  return out;
}

/** The entry methods and every method they call as `this.m(…)`. */
function reachedMethods(cls: HandlerClass, entries: Set<string>): Map<string, ClassMethodNode> {
  const all = classMethods(cls);
  const reached = new Map<string, ClassMethodNode>();
  const work = [...entries];
  while (work.length) {
    const name = work.pop()!;
    const m = all.get(name);
    if (!m || reached.has(name)) continue;
    reached.set(name, m);
    visit(m.body, (n) => {
      if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.object.type === 'ThisExpression' &&
        !n.callee.computed && n.callee.property.type === 'Identifier') work.push(n.callee.property.name);
      return undefined;
    });
  }
  return reached;
}

/** `this.p = <request data>` in each reached method (the first write of each property): not a constant, an accumulation or a lazy init. */
function perRequestWrites(methods: Map<string, ClassMethodNode>, model: ModuleModel): Map<ClassMethodNode, Map<string, AssignmentExpression>> {
  const out = new Map<ClassMethodNode, Map<string, AssignmentExpression>>();
  for (const method of methods.values()) {
    const writes = new Map<string, AssignmentExpression>();
    const onceGuard = onceGuardOf(method);
    walkThis(method, (n, ancestors) => {
      const property = thisProperty(n.type === 'AssignmentExpression' ? n.left : null);
      if (n.type !== 'AssignmentExpression' || n.operator !== '=' || property === null || writes.has(property)) return;
      if (isConstantValue(n.right) || mentionsThisProperty(n.right, property)) return;
      // `if (this.ready) return; this.config = await load(); this.ready = true;`: initialisation run once
      if (onceGuard && model.after(n, onceGuard)) return;
      // `if (!this.p) this.p = …`, `this.p || (this.p = …)`: a lazy initialisation
      if (ancestors.some((a) => ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && mentionsThisProperty(a.test, property)) ||
        (a.type === 'LogicalExpression' && mentionsThisProperty(a.left, property)))) return;
      writes.set(property, n);
    });
    if (writes.size) out.set(method, writes);
  }
  return out;
}

/**
 * `if (<test on this.flag>) return …;` among the method's own statements, where the method also sets
 * `this.flag = <constant>` (a run-once initialisation), else null.
 */
function onceGuardOf(method: ClassMethodNode): Node | null {
  const flags = new Set<string>();
  walkThis(method, (n) => {
    const property = n.type === 'AssignmentExpression' && n.operator === '=' ? thisProperty(n.left) : null;
    if (property !== null && n.type === 'AssignmentExpression' && isConstantValue(n.right)) flags.add(property);
  });
  for (const stmt of method.body.body) {
    if (stmt.type !== 'IfStatement' || stmt.alternate) continue;
    const exits = stmt.consequent.type === 'ReturnStatement' || (stmt.consequent.type === 'BlockStatement' && stmt.consequent.body.length === 1 && stmt.consequent.body[0].type === 'ReturnStatement');
    if (exits && [...flags].some((f) => mentionsThisProperty(stmt.test, f))) return stmt;
  }
  return null;
}

/** Visits the nodes where `this` is the method's own: not inside nested non-arrow functions. */
function walkThis(method: ClassMethodNode, onNode: (n: Node, ancestors: Node[]) => void): void {
  const stack: Node[] = [];
  const go = (n: Node) => {
    if (n !== method && isFunction(n) && n.type !== 'ArrowFunctionExpression') return;
    onNode(n, stack);
    stack.push(n);
    visitChildren(n, go);
    stack.pop();
  };
  go(method.body);
}

function visitChildren(n: Node, go: (n: Node) => void): void {
  for (const [k, v] of Object.entries(n)) {
    if (k === 'loc' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments' || k === 'original' || k === 'extra') continue;
    if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && typeof c.type === 'string' && go(c as Node));
    else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') go(v as Node);
  }
}

/** `this.p` → 'p', `this.#p` → '#p' (non-computed), else null. */
function thisProperty(n: Node | null | undefined): string | null {
  return n?.type === 'MemberExpression' && n.object.type === 'ThisExpression' ? memberName(n) : null;
}

/** `x.p` → 'p', `x.#p` → '#p' (non-computed), else null. */
function memberName(n: MemberExpression): string | null {
  if (n.computed) return null;
  if (n.property.type === 'Identifier') return n.property.name;
  return n.property.type === 'PrivateName' ? `#${n.property.id.name}` : null;
}

function mentionsThisProperty(node: Node, property: string): boolean {
  let found = false;
  visit(node, (n) => {
    if (found) return false;
    if (thisProperty(n) === property) found = true;
    return undefined;
  });
  return found;
}

function methodName(m: ClassMethodNode): string {
  return m.key.type === 'Identifier' ? m.key.name : 'the method';
}

interface LocalSites {
  statement: ExpressionStatement;
  reads: MemberExpression[];
  /** `p;` / `p = <constant>;` field declarations and constant constructor writes, removed */
  fields: Node[];
  constructorWrites: Statement[];
  constructorBody: Statement[] | null;
}

/** The rewrite to a local of `method`, when nothing but `method` can see the property; else null. */
function planLocal(
  property: string,
  write: AssignmentExpression,
  method: ClassMethodNode,
  instance: Instance,
  instances: Instance[],
  model: ModuleModel,
): ((ctx: RewriteContext) => void) | null {
  const { cls } = instance;
  if (cls.binding.exported || (cls.node as { superClass?: Node | null }).superClass || (cls.node as { decorators?: unknown[] }).decorators?.length) return null;
  // every instance: a module constant used only to call or bind methods, or `new C().m(…)`
  if (cls.binding.refs.some((r) => !newOf(r.id, model))) return null;
  for (const r of cls.binding.refs) {
    const created = model.index.parent(r.id)!;
    const holder = model.index.parent(created);
    const asConst = holder?.type === 'VariableDeclarator' && holder.init === created &&
      instances.some((i) => i.binding?.declarator === holder && i.binding.kind === 'const' && !i.escapes);
    const called = holder?.type === 'MemberExpression' && holder.object === created && model.index.parent(holder)?.type === 'CallExpression' &&
      (model.index.parent(holder) as { callee: Node }).callee === holder;
    if (!asConst && !called) return null;
  }
  // a nested run of the method on the same instance (recursion, a callback) would see the property change
  const methods = new Map<string, FunctionNode>([...classMethods(cls)].map(([name, m]) => [name, m as FunctionNode]));
  const instanceNames = new Set(instances.flatMap((i) => (i.cls === cls && i.binding ? [i.binding.name] : [])));
  if (methodMayReenter(method as FunctionNode, methods, instanceNames, model)) return null;
  const statement = model.index.parent(write);
  if (statement?.type !== 'ExpressionStatement' || !method.body.body.includes(statement as Statement)) return null;
  const sites: LocalSites = { statement, reads: [], fields: [], constructorWrites: [], constructorBody: null };
  let blocked = false;
  // `this` only ever as `this.x`, and `this.<property>` only where the local can replace it
  visit(cls.body, (n) => {
    if (blocked) return false;
    if (n.type === 'ThisExpression') {
      const p = model.index.parent(n);
      if (p?.type !== 'MemberExpression' || p.object !== n || p.computed) blocked = true;
      return undefined;
    }
    if (n.type === 'ClassProperty' || n.type === 'ClassMethod' || n.type === 'ClassPrivateProperty' || n.type === 'ClassAccessorProperty') {
      const key = (n as { key: Node }).key;
      const keyName = key.type === 'Identifier' ? key.name : key.type === 'PrivateName' ? `#${key.id.name}` : null;
      const named = !(n as { computed?: boolean }).computed && keyName === property;
      if (named && (n.type === 'ClassProperty' || n.type === 'ClassPrivateProperty') && !n.static && isConstantValue(n.value) && !(n as { decorators?: unknown[] }).decorators?.length) sites.fields.push(n);
      else if (named) blocked = true;
      return undefined;
    }
    // `other.#p` reads another instance's private field
    if (property.startsWith('#') && n.type === 'MemberExpression' && n.object.type !== 'ThisExpression' && memberName(n) === property) blocked = true;
    if (n.type === 'BinaryExpression' && n.operator === 'in' && n.left.type === 'PrivateName') blocked = true;
    if (thisProperty(n) !== property) return undefined;
    const p = model.index.parent(n)!;
    if (p === write) return undefined;
    const stmt = model.index.parent(p);
    const ctor = model.innerFunction(n);
    if (ctor?.type === 'ClassMethod' && ctor.kind === 'constructor' && p.type === 'AssignmentExpression' && p.left === n && p.operator === '=' &&
      isConstantValue(p.right) && stmt?.type === 'ExpressionStatement' && ctor.body.body.includes(stmt as Statement)) {
      sites.constructorWrites.push(stmt as Statement);
      sites.constructorBody = ctor.body.body as Statement[];
      return undefined;
    }
    const target = (p.type === 'AssignmentExpression' && p.left === n) || p.type === 'UpdateExpression' || (p.type === 'UnaryExpression' && p.operator === 'delete');
    if (target || model.innerFunction(n) !== (method as FunctionNode) || !model.after(n, statement)) blocked = true;
    else sites.reads.push(n as MemberExpression);
    return undefined;
  });
  // `this.<property>` anywhere else in the file may be another object's, but say nothing we cannot prove
  if (!blocked) {
    visit(model.ast.program, (n) => {
      if (blocked || n === cls.body) return false;
      if (thisProperty(n) === property) blocked = true;
      return undefined;
    });
  }
  if (blocked) return null;
  return (ctx) => toLocal(ctx, property, method, sites, model);
}

/** `new C(…)` with this reference as the callee. */
function newOf(id: Node, model: ModuleModel): boolean {
  const p = model.index.parent(id);
  return p?.type === 'NewExpression' && p.callee === id;
}

function toLocal(ctx: RewriteContext, property: string, method: ClassMethodNode, sites: LocalSites, model: ModuleModel): void {
  const { j } = ctx;
  // the uses are replaced first and named after, so the name only has to avoid what stays in the method
  // (a `this.#userId` about to go would otherwise keep `userId` from being free)
  const ids = [j.identifier('pending')];
  const assign = sites.statement.expression as AssignmentExpression;
  const decl = j.variableDeclaration('const', [j.variableDeclarator(ids[0], assign.right as never)]) as unknown as Statement;
  moveLeadingComments(sites.statement, decl);
  borrowLayout(decl, sites.statement);
  const body = method.body.body as Statement[];
  body.splice(body.indexOf(sites.statement), 1, decl);
  const parents: Node[] = [];
  for (const read of sites.reads) {
    const id = j.identifier('pending');
    ids.push(id);
    parents.push(model.index.parent(read)!);
    replaceReference(read as never, id as never, model.index);
  }
  const members = (model.index.parent(method) as ClassBody).body as Node[];
  for (const field of sites.fields) removeStatement(members as Statement[], field as Statement);
  for (const stmt of sites.constructorWrites) removeStatement(sites.constructorBody!, stmt);
  const name = ctx.pickLocal(property.replace(/^#/, ''), method);
  for (const id of ids) id.name = name;
  // `{ userId: this.userId }` → `{ userId }`
  for (const p of parents) {
    if (p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === name && (p.value as Node).type === 'Identifier') p.shorthand = true;
  }
}
