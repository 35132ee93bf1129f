// module-counter: `count++` in a handler, the counter read back later in the same invocation.
// The read after an await sees other requests' increments: take the snapshot at the increment
// (`const countSnapshot = ++count`) and use it. The counter itself stays per worker: reported.
import type { ExpressionStatement, Identifier, Node, Statement } from '@babel/types';
import { unwrapExpression, type FunctionNode } from '../analysis/ast';
import { replaceReference, statementList } from './edit';
import { containsAwait, refPerRequestFunction, writersOf } from './facts';
import type { BindingRef, ModuleBinding, ModuleModel } from './module-model';
import { mayReenter, REENTRY_HINT } from './reentry';
import type { PlannedFinding, RewriteContext } from './types';

const RULE = 'module-counter' as const;
const SEMANTICS =
  'counts the requests of one worker thread only: each worker (W per environment) has its own copy, so it is never an environment or fleet total.';
const SEMANTICS_HINT = 'for totals use metrics (Powertools Metrics / EMF), a DynamoDB `ADD` update or Redis `INCR`';

export function isCounter(binding: ModuleBinding): boolean {
  if (binding.kind !== 'let' && binding.kind !== 'var') return false;
  if (unwrapExpression(binding.init)?.type !== 'NumericLiteral') return false;
  const writes = binding.refs.filter((r) => r.kind !== 'read');
  return writes.length > 0 && writes.every((r) => r.increment !== undefined);
}

export function planCounters(model: ModuleModel): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  for (const binding of model.bindings.values()) {
    if (!isCounter(binding)) continue;
    const perRequestWrites = binding.refs.filter((r) => r.kind === 'write' && refPerRequestFunction(r, model));
    if (perRequestWrites.length === 0) continue;
    // `const n = ++count` everywhere already: a snapshot, nothing to say
    const bare = perRequestWrites.filter((r) => model.index.parent(r.increment!)?.type === 'ExpressionStatement');
    if (bare.length === 0) continue;
    out.push({ rule: RULE, node: binding.statement, message: `\`${binding.name}\` ${SEMANTICS}`, hint: SEMANTICS_HINT, severity: 'warning' });
    if (binding.exported) continue;
    for (const w of bare) {
      const site = planSnapshot(binding, w, model);
      if (site) out.push(site);
    }
  }
  return out;
}

function planSnapshot(binding: ModuleBinding, write: BindingRef, model: ModuleModel): PlannedFinding | null {
  const stmt = model.index.parent(write.increment!) as ExpressionStatement;
  const fn = write.fn;
  const list = statementList(stmt, model.index);
  if (!fn || !list) return null;
  const top = model.topFunction(stmt);
  const later = binding.refs.filter((r) => r.kind === 'read' && r.top === top && model.after(r.id, stmt));
  if (later.length === 0) return null;
  const suspensions = suspensionsOf(fn, model);
  if (!later.some((read) => hasAwaitBetween(suspensions, stmt, read.id, model))) return null;
  const message = `\`${binding.name}\` is read back after an await: by then other requests on this worker have incremented it, so this request is labelled with their count.`;
  const snapshotHint = 'take a snapshot at the increment: `const n = ++count`, and use `n`';
  const unfixable: PlannedFinding = { rule: RULE, node: stmt, message, hint: snapshotHint };
  // every later read must be dominated by the increment, in this function, with no other write between
  const start = list.indexOf(stmt as Statement);
  const dominated = later.every((r) => r.fn === fn && list.slice(start + 1).some((s) => model.within(r.id, s)));
  const otherWrites = binding.refs.some((r) => r !== write && r.kind !== 'read' && r.top === top);
  const writers = writersOf(binding, model, top!);
  if (!dominated || otherWrites || !writers || writers.size > 0) return unfixable;
  // a helper module's function may run caller-supplied code that increments it again, nested
  if (model.helperModule && mayReenter(top!, model)) return { rule: RULE, node: stmt, message, hint: `${REENTRY_HINT}${snapshotHint}` };
  return {
    rule: RULE,
    node: stmt,
    message,
    hint: 'the increment now returns a snapshot that the rest of the invocation uses',
    rewrite: (ctx) => snapshot(ctx, binding, stmt, later, list, model),
  };
}

/** The awaits and loops of `fn` itself (not of its nested functions): where it may suspend. */
interface Suspensions {
  awaits: Node[];
  loops: Node[];
}

const LOOPS = ['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement'] as const;
const NESTED_FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

// from the node index, once per increment (not a walk of the function for each later read)
function suspensionsOf(fn: FunctionNode, model: ModuleModel): Suspensions {
  const own = (n: Node) => ownedBy(n, fn, model);
  return { awaits: model.index.ofType('AwaitExpression').filter(own), loops: LOOPS.flatMap((t) => model.index.ofType(t)).filter(own) };
}

/** `n` lies in `fn`'s body and not inside a function nested in it (a ClassPrivateMethod does not stop it). */
function ownedBy(n: Node, fn: FunctionNode, model: ModuleModel): boolean {
  let child = n;
  for (let p = model.index.parent(n); p; child = p, p = model.index.parent(p)) {
    if (NESTED_FUNCTIONS.has(child.type)) return false;
    if (p === fn) return child === fn.body;
  }
  return false;
}

/** An await evaluated after `from` and before `to` inside the function (loops make any await in them count). */
function hasAwaitBetween(suspensions: Suspensions, from: Node, to: Node, model: ModuleModel): boolean {
  return suspensions.awaits.some((n) => model.after(n, from) && model.after(to, n)) ||
    suspensions.loops.some((n) => model.within(to, n) && !model.within(from, n) && containsAwait(n));
}

function snapshot(ctx: RewriteContext, binding: ModuleBinding, stmt: ExpressionStatement, reads: BindingRef[], list: Statement[], model: ModuleModel): void {
  const { j } = ctx;
  const name = ctx.pickLocal(`${binding.name}Snapshot`, model.innerFunction(stmt)!);
  const inc = unwrapExpression(stmt.expression)!;
  let value: unknown;
  if (inc.type === 'UpdateExpression') value = j.updateExpression(inc.operator, j.identifier(binding.name), true);
  else if (inc.type === 'AssignmentExpression' && unwrapExpression(inc.right)?.type === 'NumericLiteral' &&
    (unwrapExpression(inc.right) as { value: number }).value === 1 && (inc.operator === '+=' || inc.operator === '-=')) {
    value = j.updateExpression(inc.operator === '+=' ? '++' : '--', j.identifier(binding.name), true);
  } else value = inc;
  const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), value as never)]);
  (decl as unknown as { comments?: unknown }).comments = (stmt as unknown as { comments?: unknown }).comments;
  list.splice(list.indexOf(stmt), 1, decl as unknown as Statement);
  for (const r of reads) replaceReference(r.id as Identifier, j.identifier(name) as never, model.index);
}
