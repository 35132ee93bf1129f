// The lazy accessor around a module-level connection:
//   async function getClient() { if (!connected) { await client.connect(); connected = true; } return client; }
// Callers get the connection itself (`const c = await getClient()`). With a pool, plain queries
// go to the pool and transactions check a connection out; the accessor and its flag go away.
import { isInside } from '../analysis/walk';
import type { Node, Statement, VariableDeclaration, VariableDeclarator } from '@babel/types';
import { enclosingFunction, isFunction, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { connectionUses, type ConnectionUse } from './connection-uses';
import type { DbDriver } from './db-driver';
import { handOutVerdict } from './hand-out';
import { functionFacts } from './function-facts';
import { isReference, programReferencesNamed, referencesInside } from './scope';
import { statementList } from './statements';

export interface AccessorCaller {
  fn: FunctionNode;
  declaration: VariableDeclaration;
  declarator: VariableDeclarator;
  name: string;
  uses: ConnectionUse[];
  /** runs a transaction: checks a connection out for the rest of the function */
  transaction: boolean;
  addRollback: boolean;
}

export interface AccessorPlan {
  /** the accessor functions and their module-level flags, removed */
  remove: Statement[];
  /** uses of the connection inside the accessors (they disappear with them) */
  inside: Set<ConnectionUse>;
  callers: AccessorCaller[];
  /** a transaction caller hands its checked-out connection to code it awaits (`await work(c)`) */
  handsOut: { caller: string; to: string } | null;
}

type Check = (uses: ConnectionUse[], allowOther: boolean) => { ok: boolean; why?: string; hint?: string; transactionIn?: Set<Node>; rollbackIn?: Set<Node> };

function topStatement(fn: Node, analysis: FileAnalysis): { statement: Statement; name: string; id: Node } | null {
  const p = analysis.index.parent(fn);
  if (fn.type === 'FunctionDeclaration' && fn.id && p?.type === 'Program') return { statement: fn, name: fn.id.name, id: fn.id };
  const decl = p && analysis.index.parent(p);
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' && decl?.type === 'VariableDeclaration' && decl.declarations.length === 1 && analysis.index.parent(decl)?.type === 'Program') {
    return { statement: decl, name: p.id.name, id: p.id };
  }
  return null;
}

export function planAccessors(
  uses: ConnectionUse[],
  driver: DbDriver,
  analysis: FileAnalysis,
  check: Check,
  promiseApi: boolean,
  isExported: (name: string) => boolean,
): AccessorPlan | { why: string; hint?: string } | null {
  const returns = uses.filter((u) => analysis.index.parent(u.ref)?.type === 'ReturnStatement');
  if (returns.length === 0) return null;
  const plan: AccessorPlan = { remove: [], inside: new Set(), callers: [], handsOut: null };
  const accessors = new Set<Node>(returns.map((u) => u.fn).filter((f): f is Node => !!f));
  if (returns.some((u) => !u.fn)) return { why: 'the connection is returned at module level' };
  for (const fn of accessors) {
    const top = topStatement(fn, analysis);
    if (!top) {
      const exported = fn.type === 'FunctionDeclaration' && fn.id && analysis.index.parent(fn)?.type === 'ExportNamedDeclaration';
      if (exported) return { why: `\`${fn.id!.name}()\` is exported: other modules receive the connection itself` };
      return { why: 'the connection is returned from a function that is not a module-level accessor' };
    }
    if (isExported(top.name)) return { why: `\`${top.name}()\` is exported: other modules receive the connection itself` };
    for (const u of uses.filter((x) => isInside(analysis.index, x.ref, fn))) {
      const returned = returns.includes(u);
      if (!returned && !(u.method === 'connect' && u.statement && u.fn === fn)) return { why: `\`${top.name}()\` does more than connect and return the connection` };
      plan.inside.add(u);
    }
    const flags = flagsOnlyUsedIn(fn, analysis);
    if (!isFunction(fn) || !onlyConnects(fn, flags, plan.inside)) return { why: `\`${top.name}()\` does more than connect and return the connection (or its flag is used elsewhere)` };
    plan.remove.push(top.statement);
    plan.remove.push(...flags);
    for (const ref of programReferencesNamed(analysis, top.name).filter((r) => r !== top.id && !isInside(analysis.index, r, fn))) {
      const caller = callerOf(ref, analysis);
      if (!caller) return { why: `\`${top.name}()\` is used other than as \`const c = await ${top.name}()\`` };
      const callerUses = connectionUses(referencesInside(analysis, caller.fn, caller.name).filter((r) => r !== caller.declarator.id), analysis);
      const loose = check(callerUses, true);
      if (!loose.ok) return { why: loose.why!, hint: loose.hint };
      const transaction = loose.transactionIn!.size > 0;
      if (callerUses.some((u) => u.method === 'connect' || (u.method && driver.endMethods.has(u.method)) || u.method === 'on')) {
        return { why: `a caller of \`${top.name}()\` opens, closes or listens on the connection` };
      }
      if (transaction) {
        if (!promiseApi || !caller.fn.async || caller.fn.body.type !== 'BlockStatement' || statementList(caller.declaration, analysis) !== caller.fn.body.body) {
          return { why: `a transaction on the connection from \`${top.name}()\` cannot be given its own checked-out connection` };
        }
        const rest = caller.fn.body.body.slice(caller.fn.body.body.indexOf(caller.declaration) + 1);
        if (rest.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return { why: 'a declaration would move into a block' };
        const handOut = handOutVerdict(callerUses, caller.fn, analysis);
        if (!handOut.ok) return { why: handOut.why };
        if (handOut.handedTo.length) plan.handsOut = { caller: functionName(caller.fn, analysis), to: handOut.handedTo[0] };
      } else {
        const strict = check(callerUses, false);
        if (!strict.ok) return { why: strict.why!, hint: strict.hint };
      }
      plan.callers.push({ ...caller, uses: callerUses, transaction, addRollback: transaction && loose.rollbackIn!.size === 0 });
    }
  }
  return plan;
}

/** `const c = await getClient();` → the caller, its local and declaration. */
function callerOf(ref: Node, analysis: FileAnalysis): Omit<AccessorCaller, 'uses' | 'transaction' | 'addRollback'> | null {
  const call = analysis.index.parent(ref);
  if (call?.type !== 'CallExpression' || call.callee !== ref || call.arguments.length) return null;
  const awaited = analysis.index.parent(call);
  const declarator = awaited?.type === 'AwaitExpression' ? analysis.index.parent(awaited) : null;
  const declaration = declarator && analysis.index.parent(declarator);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declaration?.type !== 'VariableDeclaration') return null;
  if (declaration.kind !== 'const' || declaration.declarations.length !== 1 || !statementList(declaration, analysis)) return null;
  const fn = enclosingFunction(declaration, analysis.index);
  if (!fn || !isFunction(fn) || (functionFacts(analysis, fn).declarations.get(declarator.id.name) ?? 0) !== 1) return null;
  return { fn, declaration, declarator, name: declarator.id.name };
}

/**
 * The accessor only connects and returns: `if (!connected) { await client.connect(); connected = true; }`,
 * `await client.connect()`, `return client`, with flags used nowhere else. Anything more (logging,
 * counting, a flag other code reads) would disappear with it.
 */
function onlyConnects(fn: FunctionNode, flags: Statement[], inside: Set<ConnectionUse>): boolean {
  if (fn.body.type !== 'BlockStatement') return false;
  const names = new Set(flags.map((f) => ((f as VariableDeclaration).declarations[0].id as { name: string }).name));
  const refs = new Set<Node>([...inside].map((u) => u.ref));
  const connects = new Set<Node>([...inside].filter((u) => u.method === 'connect').map((u) => u.statement!));
  const flagTest = (n: Node): boolean =>
    (n.type === 'Identifier' && names.has(n.name)) ||
    (n.type === 'UnaryExpression' && n.operator === '!' && flagTest(n.argument)) ||
    (n.type === 'LogicalExpression' && flagTest(n.left) && flagTest(n.right));
  const allowed = (s: Statement): boolean => {
    if (connects.has(s)) return true;
    if (s.type === 'ReturnStatement') return !!s.argument && refs.has(s.argument);
    if (s.type === 'BlockStatement') return s.body.every(allowed);
    if (s.type === 'IfStatement') return flagTest(s.test) && allowed(s.consequent) && (!s.alternate || allowed(s.alternate));
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.operator === '=') {
      const { left, right } = s.expression;
      return left.type === 'Identifier' && names.has(left.name) && (right.type === 'BooleanLiteral' || right.type === 'NumericLiteral');
    }
    return false;
  };
  return fn.body.body.every(allowed);
}

function functionName(fn: FunctionNode, analysis: FileAnalysis): string {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const p = analysis.index.parent(fn);
  return p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' ? p.id.name : 'a function';
}

/** Module-level `let connected = false` whose every use is inside the accessor. */
function flagsOnlyUsedIn(fn: Node, analysis: FileAnalysis): Statement[] {
  const out: Statement[] = [];
  for (const stmt of analysis.ast.program.body) {
    if (stmt.type !== 'VariableDeclaration' || stmt.kind === 'const' || stmt.declarations.length !== 1 || stmt.declarations[0].id.type !== 'Identifier') continue;
    const id = stmt.declarations[0].id;
    const refs = programReferencesNamed(analysis, id.name).filter((r) => r !== id && isReference(r, analysis.index.parent(r)));
    if (refs.length && refs.every((r) => isInside(analysis.index, r, fn))) out.push(stmt);
  }
  return out;
}
