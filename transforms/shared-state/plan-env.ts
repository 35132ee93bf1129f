// process-env-mutation: `process.env.X = …` per request is one variable for every request on the
// worker. Written and read only within one handler → a local (with process.env's string coercion).
import type { AssignmentExpression, ExpressionStatement, MemberExpression, Node, Statement } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import { borrowLayout, moveLeadingComments, replaceReference, statementList } from './edit';
import { perRequestFunction } from './facts';
import type { ModuleModel } from './module-model';
import type { PlannedFinding, RewriteContext } from './types';

const RULE = 'process-env-mutation' as const;

/** Variables the runtime, the AWS SDK, Node.js or common libraries read themselves: the write is the point. */
const READ_BY_OTHERS = /^(AWS_|_X_AMZN|_HANDLER$|LAMBDA_|TZ$|NODE_|UV_|DEBUG$|LANG$|LC_|HTTPS?_PROXY$|NO_PROXY$|PG|MYSQL|REDIS|MONGO|POWERTOOLS_|OTEL_|SSL_|HOME$|PATH$|TMPDIR$|TEMP$|TMP$|LOG_LEVEL$|LOG_FORMAT$|SERVICE_NAME$|DD_|NEW_RELIC_|SENTRY_)/i;

interface EnvUse {
  name: string;
  member: MemberExpression;
  kind: 'read' | 'assign' | 'other-write';
}

export function planEnv(model: ModuleModel): PlannedFinding[] {
  if (model.bindings.has('process')) return [];
  const { uses, dynamic } = envUses(model);
  const out: PlannedFinding[] = [];
  const names = new Set(uses.filter((u) => u.kind !== 'read' && perRequestFunction(u.member, model)).map((u) => u.name));
  for (const name of names) {
    const ofName = uses.filter((u) => u.name === name);
    const writes = ofName.filter((u) => u.kind !== 'read');
    const first = writes.find((u) => perRequestFunction(u.member, model))!;
    const node = model.index.parent(first.member)!;
    const finding: PlannedFinding = {
      rule: RULE,
      node,
      message: `\`process.env.${name}\` is written per request: process.env is shared by every concurrent request on the worker, so a later read may see another request's value.`,
      hint: 'keep the value in a local and pass it to what needs it (or AsyncLocalStorage); libraries that read the variable need it passed explicitly',
    };
    const plan = !dynamic && !model.helperModule && !READ_BY_OTHERS.test(name) ? planLocal(ofName, writes, model) : null;
    if (plan) {
      finding.hint = `becomes a local of the handler (no code in this file reads it elsewhere; check that no library you call reads process.env.${name})`;
      finding.rewrite = (ctx) => toLocal(ctx, name, plan, model);
    }
    out.push(finding);
  }
  return out;
}

/** Every `process.env.X` use; `dynamic` when process.env is used any other way (a computed key, passed whole). */
function envUses(model: ModuleModel): { uses: EnvUse[]; dynamic: boolean } {
  const uses: EnvUse[] = [];
  let dynamic = false;
  for (const m of model.index.ofType('MemberExpression')) {
    if (m.object.type !== 'Identifier' || m.object.name !== 'process' || m.computed || m.property.type !== 'Identifier' || m.property.name !== 'env') continue;
    const outer = model.index.parent(m);
    const name = outer?.type === 'MemberExpression' && outer.object === m ? staticKey(outer) : null;
    if (!name || outer?.type !== 'MemberExpression') {
      dynamic = true;
      continue;
    }
    const use = model.index.parent(outer);
    let kind: EnvUse['kind'] = 'read';
    if (use?.type === 'AssignmentExpression' && use.left === outer) kind = use.operator === '=' ? 'assign' : 'other-write';
    else if (use?.type === 'UpdateExpression' || (use?.type === 'UnaryExpression' && use.operator === 'delete')) kind = 'other-write';
    uses.push({ name, member: outer, kind });
  }
  return { uses, dynamic };
}

function staticKey(m: MemberExpression): string | null {
  if (!m.computed && m.property.type === 'Identifier') return m.property.name;
  if (m.computed && m.property.type === 'StringLiteral') return m.property.value;
  return null;
}

interface LocalPlan {
  write: ExpressionStatement;
  assign: AssignmentExpression;
  reads: MemberExpression[];
  /** the statement list holding the write */
  list: Statement[];
}

function planLocal(uses: EnvUse[], writes: EnvUse[], model: ModuleModel): LocalPlan | null {
  if (writes.length !== 1 || writes[0].kind !== 'assign') return null;
  const assign = model.index.parent(writes[0].member) as AssignmentExpression;
  const write = model.index.parent(assign);
  if (write?.type !== 'ExpressionStatement') return null;
  // a statement of the handler itself (its body, or a block of it such as a try block)
  const handler = model.handlers.find((h) => h.fn === model.innerFunction(write))?.fn;
  const block = model.index.parent(write);
  const list = statementList(write, model.index);
  if (!handler || !block || !list) return null;
  const reads = uses.filter((u) => u.kind === 'read').map((u) => u.member);
  if (reads.length === 0) return null;
  // after the write, in the same block (where the local is in scope); not in a hoisted function declaration
  const inScopeAfter = (m: Node) => model.within(m, block) && model.after(m, write) &&
    (model.innerFunction(m) === handler || model.innerFunction(m)?.type !== 'FunctionDeclaration');
  if (!reads.every(inScopeAfter)) return null;
  return { write, assign, reads, list };
}

function localName(envName: string): string {
  if (!/^[A-Z0-9_]+$/.test(envName)) return /^[A-Za-z_$][\w$]*$/.test(envName) ? envName : 'envValue';
  const parts = envName.toLowerCase().split('_').filter(Boolean);
  const name = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
  return /^[A-Za-z_$]/.test(name) ? name : `env${name}`;
}

/** process.env turns every value into a string; the local must too (unless it already is one). */
function asString(ctx: RewriteContext, value: Node): Node {
  const v = unwrapExpression(value);
  if (v?.type === 'StringLiteral' || v?.type === 'TemplateLiteral') return value;
  if (v?.type === 'CallExpression' && v.callee.type === 'Identifier' && v.callee.name === 'String' && v.arguments.length === 1) return value;
  return ctx.j.callExpression(ctx.j.identifier('String'), [value as never]) as unknown as Node;
}

function toLocal(ctx: RewriteContext, envName: string, plan: LocalPlan, model: ModuleModel): void {
  const { j } = ctx;
  const name = ctx.pickLocal(localName(envName), model.innerFunction(plan.write)!);
  const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), asString(ctx, plan.assign.right) as never)]) as unknown as Statement;
  moveLeadingComments(plan.write, decl);
  borrowLayout(decl, plan.write);
  plan.list.splice(plan.list.indexOf(plan.write), 1, decl);
  for (const read of plan.reads) replaceReference(read as never, j.identifier(name) as never, model.index);
}
