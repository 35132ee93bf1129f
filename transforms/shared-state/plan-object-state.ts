// module-state-per-request, object form: `const state = {}` whose properties the handler sets per
// request (`state.requestData = event.data`) and reads back later. When every property read comes
// after the same invocation wrote it, a fresh object per invocation behaves the same one request at
// a time and keeps requests apart: `const state = {};` in the handler, passed to in-file readers.
import type { ExpressionStatement, MemberExpression, Node, Statement } from '@babel/types';
import { unwrapExpression, type FunctionNode } from '../analysis/ast';
import { borrowLayout, cloneNode, moveLeadingComments, removeStatement, statementList } from './edit';
import type { BindingRef, ModuleBinding, ModuleModel } from './module-model';
import { helperCalls, threadThrough, type ThreadedHelper } from './thread-helpers';
import type { RewriteContext } from './types';

interface PropertyUse {
  ref: BindingRef;
  member: MemberExpression;
  name: string;
  /** `state.p = v;` as a statement of its own */
  write: ExpressionStatement | null;
}

/** The rewrite when it is provably exact, else null. */
export function planObjectState(binding: ModuleBinding, model: ModuleModel, typescript: boolean): ((ctx: RewriteContext) => void) | null {
  if (binding.exported || binding.kind !== 'const' || !binding.declarator || binding.declarator.id.type !== 'Identifier') return null;
  const init = unwrapExpression(binding.init);
  if (init?.type !== 'ObjectExpression' || init.properties.length > 0) return null;
  const uses: PropertyUse[] = [];
  for (const ref of binding.refs) {
    const use = propertyUse(ref, model);
    if (!use || !ref.top) return null; // the object itself escapes, or a dynamic key, or used at init
    uses.push(use);
  }
  const writes = uses.filter((u) => u.write);
  if (writes.length === 0 || uses.some((u) => !u.write && isAssignmentTarget(u.member, model))) return null;
  // every write: a statement of one block of the handler, in one run of statements
  const first = writes.find((w) => writes.every((o) => o === w || model.after(o.write!, w.write!)))?.write;
  if (!first) return null;
  const handler = model.handlers.find((h) => h.fn === model.innerFunction(first))?.fn;
  const list = statementList(first, model.index);
  const block = model.index.parent(first);
  if (!handler || !list || !block || writes.some((w) => statementList(w.write!, model.index) !== list)) return null;
  if (writes.some((w) => mentions(w.write!.expression, binding.name, w.member))) return null;
  const written = (name: string, before: Node) => writes.some((w) => w.name === name && (w.write === before || model.after(before, w.write!)));
  // reads in the handler: after a write of that property, in the block
  const readers = new Map<FunctionNode, PropertyUse[]>();
  for (const u of uses) {
    if (u.write) continue;
    if (u.ref.top === handler) {
      if (!model.within(u.member, block) || !written(u.name, u.member)) return null;
      if (u.ref.fn !== handler && u.ref.fn?.type === 'FunctionDeclaration') return null;
    } else readers.set(u.ref.top!, [...(readers.get(u.ref.top!) ?? []), u]);
  }
  // in-file readers: called only by the handler, after the writes of every property they read
  const helpers: ThreadedHelper[] = [];
  const afterFirst = (n: Node) => model.within(n, block) && model.after(n, first);
  for (const [fn, reads] of readers) {
    const calls = helperCalls(fn, handler, afterFirst, model);
    if (!calls || !calls.every((c) => reads.every((r) => written(r.name, c)))) return null;
    helpers.push({ fn, calls });
  }
  if (helpers.length && typescript && !binding.declarator.id.typeAnnotation) return null;
  return (ctx) => freshPerInvocation(ctx, binding, first, list, helpers);
}

function propertyUse(ref: BindingRef, model: ModuleModel): PropertyUse | null {
  const member = model.index.parent(ref.id);
  if (member?.type !== 'MemberExpression' || member.object !== ref.id) return null;
  const p = member.property;
  const name = !member.computed && p.type === 'Identifier' ? p.name : p.type === 'StringLiteral' ? p.value : null;
  if (name === null) return null;
  const assign = model.index.parent(member);
  const stmt = assign && model.index.parent(assign);
  const write = assign?.type === 'AssignmentExpression' && assign.operator === '=' && assign.left === member && stmt?.type === 'ExpressionStatement' ? stmt : null;
  return { ref, member, name, write };
}

/** `state.p += …`, `state.p++`, `delete state.p` and the like: not a plain write, so not provable here. */
function isAssignmentTarget(member: MemberExpression, model: ModuleModel): boolean {
  const p = model.index.parent(member);
  return (p?.type === 'AssignmentExpression' && p.left === member) || p?.type === 'UpdateExpression' || (p?.type === 'UnaryExpression' && p.operator === 'delete');
}

/** The written value uses the object (other than the write's own target). */
function mentions(node: Node, name: string, except: Node): boolean {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === except) continue;
    if (n.type === 'Identifier' && n.name === name) return true;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'comments' || k === 'original' || (n.type === 'MemberExpression' && k === 'property' && !n.computed)) continue;
      if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && 'type' in c && stack.push(c as Node));
      else if (v && typeof v === 'object' && 'type' in v) stack.push(v as Node);
    }
  }
  return false;
}

function freshPerInvocation(ctx: RewriteContext, binding: ModuleBinding, first: Statement, list: Statement[], helpers: ThreadedHelper[]): void {
  const { j } = ctx;
  const declarator = binding.declarator!;
  const id = j.identifier(binding.name);
  const annotation = (declarator.id as { typeAnnotation?: Node | null }).typeAnnotation;
  if (ctx.typescript && annotation) id.typeAnnotation = cloneNode(annotation) as never;
  const local = j.variableDeclaration('const', [j.variableDeclarator(id, cloneNode(declarator.init as Node) as never)]) as unknown as Statement;
  const stmt = binding.statement;
  moveLeadingComments(stmt, local);
  moveLeadingComments(first, local);
  borrowLayout(local, first);
  list.splice(list.indexOf(first), 0, local);
  threadThrough(ctx, binding, helpers);
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length > 1) stmt.declarations = stmt.declarations.filter((d) => d !== declarator);
  else removeStatement(ctx.program.body, stmt);
}
