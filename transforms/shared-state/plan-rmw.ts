// rmw-across-await: a module value read before an await and written from that read after it.
//   x += await f()            → const v = await f(); x += v;             (temp first: exact)
//   const v = m.get(k); await g(); m.set(k, v + n)  → m.set(k, (m.get(k)) + n)   (re-read at the write)
//   … where the awaited call uses the value            → async-mutex runExclusive around the section
import type { AssignmentExpression, Expression, Identifier, Node, Statement, VariableDeclaration } from '@babel/types';
import { calleeName, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { cloneNode, insertBefore, removeStatement, replaceReference, statementList } from './edit';
import { containsAwait, isConstantValue, mayCallWriter, refPerRequestFunction, refsWithin, writersOf } from './facts';
import { planSection, type Section } from './plan-section';
import { mayReenter, REENTRY_HINT } from './reentry';
import type { BindingRef, ModuleBinding, ModuleModel } from './module-model';
import { keyNames, keyShape, keyText, locationKey, writesName } from './shapes';
import { patternNames } from './patterns';
import type { PlannedFinding, RewriteContext } from './types';

const COMPOUND = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
const RULE = 'rmw-across-await' as const;
const LOCK_HINT = 'add async-mutex to your dependencies (npm i async-mutex)';
const REENTRY = 'a call may run code the caller supplied';


export function planRmw(model: ModuleModel): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  const seen = new Set<Node>();
  for (const binding of model.bindings.values()) {
    if (binding.kind !== 'let' && binding.kind !== 'var' && binding.kind !== 'const') continue;
    for (const ref of binding.refs) {
      if (!refPerRequestFunction(ref, model)) continue;
      const found = ref.kind === 'read' ? planSnapshot(binding, ref, model) : planUpdate(binding, ref, model);
      // the plans only read the tree, so the lock test can wait for a finding (most refs have none)
      if (found && !seen.has(found.node) && !insideLock(ref.id, model)) {
        seen.add(found.node);
        out.push(found);
      }
    }
  }
  return out;
}

/** Code already inside `lock.runExclusive(async () => …)` or a generated `withXLock(key, async () => …)`. */
function insideLock(node: Node, model: ModuleModel): boolean {
  for (let fn = model.innerFunction(node); fn; fn = model.innerFunction(fn)) {
    const call = model.index.parent(fn);
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as never)) continue;
    const callee = calleeName(call);
    if (callee && (/\.runExclusive$/.test(callee) || /^with[A-Z][\w$]*Lock\d*$/.test(callee))) return true;
  }
  return false;
}

/** `x op= <await>` / `x = x op <await>` on a module location. */
function planUpdate(binding: ModuleBinding, ref: BindingRef, model: ModuleModel): PlannedFinding | null {
  const assign = enclosingAssignment(ref.id, model);
  if (!assign) return null;
  const target = assign.left as Node;
  const right = unwrapExpression(assign.right) as Node;
  let operand: Node | null = null;
  if (COMPOUND.has(assign.operator)) operand = containsAwait(assign.right) ? assign.right : null;
  else if (assign.operator === '=' && right.type === 'BinaryExpression' && locationKey(right.left) !== null &&
    locationKey(right.left) === locationKey(target) && containsAwait(right.right) && !containsAwait(right.left)) {
    operand = right.right;
  }
  if (!operand) return null;
  const name = locationKey(target) ?? binding.name;
  const message = `\`${name}\` is read before the await and written after it: a concurrent request's update in between is lost.`;
  const stmt = model.index.parent(assign);
  const fn = model.innerFunction(assign)!;
  const reason = blocker(binding, target, [assign], fn, model) ??
    (stmt?.type !== 'ExpressionStatement' || !statementList(stmt, model.index) ? 'not a statement of its own' : null);
  if (reason) return { rule: RULE, node: assign, message, hint: `${reasonHint(reason)}evaluate the awaited value into a local first, then update synchronously` };
  const statement = stmt as Statement;
  if (locationKey(target) === null) {
    return { rule: RULE, node: assign, message, hint: 'the target has a computed key: evaluate the awaited value into a local first, then update synchronously' };
  }
  if (refsWithin(binding, operand, model).length > 0) {
    // the awaited expression itself uses the value: only a lock keeps the section whole
    const section = planSection([statement], binding, model, null);
    if (!section) return { rule: RULE, node: assign, message, hint: 'the awaited call uses the value: serialize the section with a lock' };
    return lockFinding(assign, message, section);
  }
  return {
    rule: RULE,
    node: assign,
    message,
    hint: 'the awaited value is computed first, then the update runs synchronously (atomic within the worker)',
    rewrite: (ctx) => hoistOperand(ctx, statement, assign, operand!, binding, model),
  };
}

/** The part of a hint that says why a blocked spot is left to a person. */
function reasonHint(reason: string): string {
  if (reason === REENTRY) return REENTRY_HINT;
  if (reason === 'exported' || reason === 'object escapes') return 'not rewritten: the state is exported or passed around, so code elsewhere may change it; ';
  return '';
}

function enclosingAssignment(id: Identifier, model: ModuleModel): AssignmentExpression | null {
  let top: Node = id;
  let p = model.index.parent(id);
  while (p && p.type === 'MemberExpression' && p.object === top) {
    top = p;
    p = model.index.parent(p);
  }
  return p?.type === 'AssignmentExpression' && p.left === top ? p : null;
}

/** Why a rewrite on this binding is not provably exact, or null. */
function blocker(binding: ModuleBinding, target: Node, around: Node[], fn: FunctionNode, model: ModuleModel): string | null {
  if (binding.exported) return 'exported';
  if (unwrapExpression(target)?.type !== 'Identifier' && binding.refs.some((r) => r.escapes)) return 'object escapes';
  const top = model.topFunction(around[0]) ?? fn;
  if (binding.refs.some((r) => r.kind !== 'read' && r.top === top && r.fn !== r.top)) return 'written by a callback';
  const writers = writersOf(binding, model, top);
  if (!writers || mayCallWriter(around, writers, model)) return 'a call may write it';
  if (model.helperModule && mayReenter(top, model)) return REENTRY;
  for (const key of keyNames(target)) if (writesName(fn, key)) return 'key changes';
  return null;
}

function hoistOperand(ctx: RewriteContext, stmt: Statement, assign: AssignmentExpression, operand: Node, binding: ModuleBinding, model: ModuleModel): void {
  const { j } = ctx;
  const list = statementList(stmt, model.index)!;
  const name = ctx.pickLocal(operandName(operand, assign, binding), model.innerFunction(stmt)!);
  const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), operand as never)]);
  const local = j.identifier(name);
  if (assign.right === operand) assign.right = local as never;
  else (unwrapExpression(assign.right) as { right: Node }).right = local as never;
  insertBefore(list, stmt, [decl as unknown as Statement]);
}

const VERB = /^(?:get|fetch|load|read|compute|calculate|calc|lookup|find|count|measure|query)([A-Z][\w$]*)$/;

/** `await getAmount(x)` → `amount`; otherwise `<target>Delta` / `<target>Operand`. */
function operandName(operand: Node, assign: AssignmentExpression, binding: ModuleBinding): string {
  const inner = unwrapExpression(operand);
  const call = inner?.type === 'AwaitExpression' ? unwrapExpression(inner.argument) : null;
  const callee = call && call.type === 'CallExpression' ? calleeName(call) : null;
  const verb = callee ? VERB.exec(callee.split('.').pop()!) : null;
  if (verb) return verb[1].charAt(0).toLowerCase() + verb[1].slice(1);
  const target = locationKey(assign.left)?.split(/[.[]/).pop()?.replace(/\W/g, '') || binding.name;
  const additive = assign.operator === '+=' || assign.operator === '-=' ||
    (assign.operator === '=' && ['+', '-'].includes((unwrapExpression(assign.right) as { operator?: string }).operator ?? ''));
  return `${target}${additive ? 'Delta' : 'Operand'}`;
}

interface SnapshotRead {
  decl: VariableDeclaration;
  local: string;
  /** the whole initializer: `m.get(k) ?? 0` */
  init: Expression;
  /** the location read: `m.get(k)`, `x.a`, `x` */
  read: Node;
  key: Node | null;
}

/** `const v = <read of x>; … await …; <write of x from v>` */
function planSnapshot(binding: ModuleBinding, ref: BindingRef, model: ModuleModel): PlannedFinding | null {
  const snap = snapshotRead(ref, model);
  if (!snap) return null;
  const list = statementList(snap.decl, model.index);
  if (!list) return null;
  const fn = model.innerFunction(snap.decl);
  if (!fn) return null;
  const start = list.indexOf(snap.decl as Statement);
  let writeAt = -1;
  let value: Node | null = null;
  // the local and every value declared from it before the write
  const derived = new Set([snap.local]);
  for (let k = start + 1; k < list.length; k++) {
    const found = writeFrom(list[k], snap, binding, derived);
    if (found) {
      writeAt = k;
      value = found;
      break;
    }
    const stmt = list[k];
    if (stmt.type === 'VariableDeclaration' && [...derived].some((d) => usesName(stmt, d))) {
      for (const d of stmt.declarations) patternNames(d.id).forEach((n) => derived.add(n));
    }
  }
  if (writeAt === -1 || !value) return null;
  const between = list.slice(start + 1, writeAt);
  const write = list[writeAt];
  if (!between.some(containsAwait) && !containsAwait(value)) return null; // synchronous: atomic within the worker
  const name = locationKey(snap.read) ?? binding.name;
  const message = `\`${snap.local}\` holds \`${name}\` across an await and is written back after it: a concurrent request's update in between is lost.`;
  const section = list.slice(start, writeAt + 1);
  const otherWrites = binding.refs.some((r) => r.kind !== 'read' && section.some((s) => model.within(r.id, s)) && !model.within(r.id, write));
  const reason = otherWrites ? 'written in between' : snap.key && keyShape(snap.key) === null ? 'key may change' : blocker(binding, snap.read, section, fn, model) ??
    (writesName(fn, snap.local) || (snap.key && keyShape(snap.key) && snap.key.type === 'Identifier' && writesName(fn, snap.key.name)) ? 'local reassigned' : null);
  if (reason) return { rule: RULE, node: snap.decl, message, hint: `${reasonHint(reason)}re-read the value at the write, or serialize the section with a lock` };
  if (!needsValueAcrossAwait(snap.local, between, value)) {
    return {
      rule: RULE,
      node: snap.decl,
      message,
      hint: 'the value is re-read at the write, so the update applies to the current value',
      rewrite: (ctx) => rereadAtWrite(ctx, snap, value!, list, fn, model),
    };
  }
  const locked = planSection(section, binding, model, snap.key);
  if (!locked) return { rule: RULE, node: snap.decl, message, hint: 'the awaited call uses the value: serialize the section with a lock' };
  return lockFinding(snap.decl, message, locked);
}

function snapshotRead(ref: BindingRef, model: ModuleModel): SnapshotRead | null {
  // climb from the reference to the declarator's initializer
  let read: Node = ref.id;
  let p = model.index.parent(read);
  if (p?.type === 'MemberExpression' && p.object === read) {
    read = p;
    p = model.index.parent(p);
    if (p?.type === 'CallExpression' && p.callee === read) {
      const prop = (read as { property: Node }).property;
      if (prop.type !== 'Identifier' || prop.name !== 'get' || p.arguments.length !== 1) return null;
      read = p;
      p = model.index.parent(p);
    } else if (locationKey(read) === null) return null;
  }
  let init: Node = read;
  if (p?.type === 'LogicalExpression' && p.left === read && (p.operator === '??' || p.operator === '||') && isConstantValue(p.right)) {
    init = p;
    p = model.index.parent(p);
  }
  if (p?.type !== 'VariableDeclarator' || p.init !== init || p.id.type !== 'Identifier') return null;
  const decl = model.index.parent(p);
  if (decl?.type !== 'VariableDeclaration' || decl.declarations.length !== 1 || decl.kind === 'var') return null;
  const key = read.type === 'CallExpression' ? (read.arguments[0] as Node) : null;
  if (key && keyText(key) === null) return null;
  return { decl, local: p.id.name, init: init as Expression, read, key };
}

/** The value expression when `stmt` writes the snapshot's location using the local, else null. */
function writeFrom(stmt: Statement, snap: SnapshotRead, binding: ModuleBinding, derived: Set<string>): Node | null {
  if (stmt.type !== 'ExpressionStatement') return null;
  const e = unwrapExpression(stmt.expression) as Node;
  let value: Node | null = null;
  if (snap.read.type === 'CallExpression') {
    if (e.type === 'CallExpression' && e.arguments.length === 2 && e.callee.type === 'MemberExpression' &&
      locationKey(e.callee.object) === binding.name && !e.callee.computed &&
      e.callee.property.type === 'Identifier' && e.callee.property.name === 'set' &&
      keyText(e.arguments[0] as Node) === keyText(snap.key)) value = e.arguments[1] as Node;
  } else if (e.type === 'AssignmentExpression' && e.operator === '=' && locationKey(e.left) === locationKey(snap.read)) {
    value = e.right;
  }
  return value && [...derived].some((d) => usesName(value!, d)) ? value : null;
}

function usesName(node: Node, name: string): boolean {
  let found = false;
  walkIds(node, (id) => {
    if (id.name === name) found = true;
  });
  return found;
}

function walkIds(node: Node, onId: (id: Identifier) => void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Identifier') onId(n);
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'comments' || k === 'original' || k === 'extra') continue;
      if (n.type === 'MemberExpression' && k === 'property' && !n.computed) continue;
      if (n.type === 'ObjectProperty' && k === 'key' && !n.computed) continue;
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c === 'object' && 'type' in c) stack.push(c as Node);
      } else if (v && typeof v === 'object' && 'type' in v) stack.push(v as Node);
    }
  }
}

/** True when the value read must stay the same across an await (an awaited call, or a value derived before it, uses it). */
function needsValueAcrossAwait(local: string, between: Statement[], value: Node): boolean {
  const tainted = new Set([local]);
  for (const stmt of between) {
    const uses = [...tainted].some((t) => usesName(stmt, t));
    if (!uses) continue;
    if (containsAwait(stmt)) return true;
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier') tainted.add(d.id.name);
    }
  }
  if (containsAwait(value) && usesName(value, local)) return true;
  return [...tainted].some((t) => t !== local && usesName(value, t));
}

function rereadAtWrite(ctx: RewriteContext, snap: SnapshotRead, value: Node, list: Statement[], fn: FunctionNode, model: ModuleModel): void {
  const refs: Identifier[] = [];
  walkIds(value, (id) => {
    if (id.name === snap.local) refs.push(id);
  });
  for (const id of refs) replaceReference(id, cloneNode(snap.init), model.index);
  // the local is now unused: drop its declaration (the read has no side effect)
  let stillUsed = false;
  walkIds(fn.body as Node, (id) => {
    if (id.name === snap.local && id !== (snap.decl.declarations[0].id as Node)) stillUsed = true;
  });
  if (!stillUsed) removeStatement(list, snap.decl as Statement);
  void ctx;
}

function lockFinding(node: Node, message: string, section: Section): PlannedFinding {
  return {
    rule: RULE,
    node,
    message: `${message} The section is now serialized with an async-mutex lock${section.key ? ' per key' : ''}; a lock serializes only within one worker thread, not across workers or environments.`,
    hint: LOCK_HINT,
    rewrite: (ctx) => section.apply(ctx),
  };
}

