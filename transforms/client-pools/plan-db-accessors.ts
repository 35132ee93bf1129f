// The lazy accessor around a module-level connection:
//   async function getClient() { if (!connected) { await client.connect(); connected = true; } return client; }
// Callers get the connection itself (`const c = await getClient()`). With a pool, plain queries
// go to the pool and transactions check a connection out; the accessor and its flag go away.
import type { Node, Statement, VariableDeclaration, VariableDeclarator } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { connectionUses, enclosingFunction, type ConnectionUse } from './connection-uses';
import type { DbDriver } from './db-driver';
import { declarationCounts, isReference, referencesNamed } from './scope';
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
}

type Check = (uses: ConnectionUse[], allowOther: boolean) => { ok: boolean; why?: string; transactionIn?: Set<Node>; rollbackIn?: Set<Node> };

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
): AccessorPlan | { why: string } | null {
  const returns = uses.filter((u) => analysis.index.parent(u.ref)?.type === 'ReturnStatement');
  if (returns.length === 0) return null;
  const plan: AccessorPlan = { remove: [], inside: new Set(), callers: [] };
  const accessors = new Set<Node>(returns.map((u) => u.fn).filter((f): f is Node => !!f));
  if (returns.some((u) => !u.fn)) return { why: 'the connection is returned at module level' };
  for (const fn of accessors) {
    const top = topStatement(fn, analysis);
    if (!top) return { why: 'the connection is returned from a function that is not a module-level accessor' };
    if (isExported(top.name)) return { why: `\`${top.name}()\` is exported: other modules receive the connection itself` };
    for (const u of uses.filter((x) => contains(fn, x.ref, analysis))) {
      const returned = returns.includes(u);
      if (!returned && !(u.method === 'connect' && u.statement && u.fn === fn)) return { why: `\`${top.name}()\` does more than connect and return the connection` };
      plan.inside.add(u);
    }
    plan.remove.push(top.statement);
    plan.remove.push(...flagsOnlyUsedIn(fn, analysis));
    for (const ref of referencesNamed(analysis.ast.program, top.name).filter((r) => r !== top.id && !contains(fn, r, analysis))) {
      const caller = callerOf(ref, analysis);
      if (!caller) return { why: `\`${top.name}()\` is used other than as \`const c = await ${top.name}()\`` };
      const callerUses = connectionUses(referencesNamed(caller.fn, caller.name).filter((r) => r !== caller.declarator.id), analysis);
      const loose = check(callerUses, true);
      if (!loose.ok) return { why: loose.why! };
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
      } else {
        const strict = check(callerUses, false);
        if (!strict.ok) return { why: strict.why! };
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
  const fn = enclosingFunction(declaration, analysis);
  if (!fn || !isFunction(fn) || (declarationCounts(fn).get(declarator.id.name) ?? 0) !== 1) return null;
  return { fn, declaration, declarator, name: declarator.id.name };
}

/** Module-level `let connected = false` whose every use is inside the accessor. */
function flagsOnlyUsedIn(fn: Node, analysis: FileAnalysis): Statement[] {
  const out: Statement[] = [];
  for (const stmt of analysis.ast.program.body) {
    if (stmt.type !== 'VariableDeclaration' || stmt.kind === 'const' || stmt.declarations.length !== 1 || stmt.declarations[0].id.type !== 'Identifier') continue;
    const id = stmt.declarations[0].id;
    const refs = referencesNamed(analysis.ast.program, id.name).filter((r) => r !== id && isReference(r, analysis.index.parent(r)));
    if (refs.length && refs.every((r) => contains(fn, r, analysis))) out.push(stmt);
  }
  return out;
}

function contains(outer: Node, inner: Node, analysis: FileAnalysis): boolean {
  for (let p: Node | undefined = inner; p; p = analysis.index.parent(p)) if (p === outer) return true;
  return false;
}
