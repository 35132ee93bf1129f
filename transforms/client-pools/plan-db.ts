// Decides how each single SQL connection (pg `Client`, mysql `createConnection`) becomes a
// pooled one: module-level connections are replaced by a small pool; per-invocation ones are
// replaced by a shared module-level pool; transactions check a connection out and release it
// in `finally`. Session state, unknown SQL and escaping connections are reported, not rewritten.
import type { Identifier, Node, Statement, TryStatement, VariableDeclaration, VariableDeclarator } from '@babel/types';
import { enclosingFunction, dottedName, isFunction, staticString, unwrapExpression, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { isInside, visit } from '../analysis/walk';
import type { RuleReport } from '../types';
import { canonicalKey } from './canonical';
import { connectionUses, type ConnectionUse } from './connection-uses';
import type { DbDriver } from './db-driver';
import { argumentsVerdict, declaredLocal, moduleNamesUsed, moduleStatements } from './hoist-sites';
import { handOutVerdict } from './hand-out';
import { fileImports, type ImportedBinding } from './imported-bindings';
import { moduleConsts } from './independence';
import { invocationFunctions, perInvocationPlace, type InvocationFunction } from './invocation-functions';
import { isNameFree } from './names';
import { functionFacts } from './function-facts';
import { isReference, patternNames, programReferencesNamed } from './scope';
import { classifySql, sqlHead } from './sql-text';
import { planAccessors, type AccessorPlan } from './plan-db-accessors';
import { statementList } from './statements';

export const DB_SINGLE_CONNECTION = 'db-single-connection';

/** What the connection's options argument is, so the pool options can be built from it. */
export type ConfigShape =
  | { kind: 'none' }
  | { kind: 'object'; node: Node }
  | { kind: 'string'; node: Node }
  | { kind: 'spread'; node: Node };

export interface DbSite {
  driver: DbDriver;
  source: string;
  node: Node;
  callee: Node;
  scope: 'module' | 'invocation';
  fn: InvocationFunction | null;
  declaration: VariableDeclaration;
  declarator: VariableDeclarator;
  name: string;
  uses: ConnectionUse[];
  config: ConfigShape;
  /** per-invocation connection used for a transaction: it becomes a checked-out pool connection */
  checkout: boolean;
  /** checkout form: the statement that closes it and, when it is not in a `finally`, the statements to wrap */
  release: { end: Statement; wrap: Statement[] | null; addCatchTo: TryStatement | null } | null;
  /** module-level connection: functions that run a transaction on it (they check one out) */
  transactionFunctions: FunctionNode[];
  /**
   * Transactions with no ROLLBACK anywhere: a pooled connection must not go back to the pool
   * inside a failed transaction, so the rewrite adds `catch (err) { ROLLBACK; throw err; }`.
   */
  addRollback: Set<Node>;
  /** module-level connection handed out by a lazy accessor (`getClient()`): its callers are rewritten */
  accessors: AccessorPlan | null;
  key: string;
}

export interface DbPool {
  name: string;
  sites: DbSite[];
  anchor: Statement | null;
  after: Statement[];
}

export interface DbPlan {
  pools: DbPool[];
  reports: RuleReport[];
}

type Verdict = { ok: true } | { ok: false; why: string; hint?: string };
const fail = (why: string, hint?: string): Verdict => ({ ok: false, why, hint });

const SESSION_HINT = 'Keep a dedicated connection for session work (check one out of a pool and release it in `finally`), or move the session state into each query.';

export function planDb(analysis: FileAnalysis, drivers: DbDriver[]): DbPlan {
  const reports: RuleReport[] = [];
  const pools: DbPool[] = [];
  const imports = fileImports(analysis);
  const consts = moduleConsts(analysis.ast.program);
  const statements = moduleStatements(analysis.ast.program);
  const sites: DbSite[] = [];

  const candidates: Array<{ node: Node; driver: DbDriver; fn: InvocationFunction | null; source: string; callee: Node; display: string }> = [];
  const seen = new Set<Node>();
  for (const driver of drivers) {
    for (const node of [...analysis.index.ofType('NewExpression'), ...analysis.index.ofType('CallExpression')]) {
      const c = driver.connection(node, imports);
      if (!c || seen.has(node)) continue;
      seen.add(node);
      const fnNode = enclosingFunction(node, analysis.index);
      // the per-invocation functions are only needed for connections made inside a function (memoized)
      const fn = fnNode ? invocationFunctions(analysis).find((f) => f.fn === fnNode || isInside(analysis.index, fnNode, f.fn)) ?? null : null;
      if (fnNode && !fn) continue; // a connection made in code that is not per invocation
      candidates.push({ node, driver, fn, ...c });
    }
  }
  candidates.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));

  for (const c of candidates) {
    const line = c.node.loc?.start.line ?? 0;
    if (analysis.isSuppressed(DB_SINGLE_CONNECTION, line)) continue;
    const what = c.fn
      ? `a ${c.driver.label} connection (\`${c.display}\`) is opened ${perInvocationPlace(c.fn)}`
      : `one ${c.driver.label} connection (\`${c.display}\`) at module scope is shared by every concurrent invocation in this worker`;
    const result = c.fn ? planInvocationSite(c, analysis, imports, consts) : planModuleSite(c, analysis);
    if ('why' in result) {
      reports.push({ node: c.node, message: `${what}; not rewritten: ${result.why}`, hint: result.hint ?? 'Use a small pool at module scope.', fixable: false });
      continue;
    }
    sites.push(result);
    reports.push({
      node: c.node,
      message: `${what}; concurrent requests need a pool (small, one per worker thread)`,
      hint: `Replaced by a module-level pool (max from DB_POOL_MAX, default 2)${result.checkout || result.transactionFunctions.length ? '; transactions check a connection out and release it in `finally`' : ''}.`,
      fixable: true,
    });
  }

  // per-invocation connections with the same options share one pool; module-level ones each become one
  const byKey = new Map<string, DbPool>();
  for (const site of sites) {
    const pool = site.scope === 'invocation' ? byKey.get(site.key) : undefined;
    if (pool) {
      pool.sites.push(site);
      if (site.fn && pool.anchor && analysis.ast.program.body.indexOf(site.fn.statement) < analysis.ast.program.body.indexOf(pool.anchor)) pool.anchor = site.fn.statement;
      continue;
    }
    const used = moduleNamesUsed(site.node, new Set(statements.keys()), site.fn ? functionFacts(analysis, site.fn.fn).localNames : new Set<string>());
    const created: DbPool = { name: '', sites: [site], anchor: site.fn?.statement ?? null, after: used.map((n) => statements.get(n)!) };
    if (site.scope === 'invocation') byKey.set(site.key, created);
    pools.push(created);
  }
  namePools(analysis, pools, imports);
  for (const pool of pools.filter((p) => !p.name)) {
    for (const site of pool.sites) {
      const r = reports.find((x) => x.node === site.node)!;
      r.fixable = false;
      r.message += ' (no free name for the pool)';
    }
  }
  return { pools: pools.filter((p) => p.name), reports };
}

/** The options argument: none, an object literal, a connection string, or a known object. */
function configShape(node: Node, consts: Map<string, Node>, localNames: Set<string>): ConfigShape | null {
  const args = (node as { arguments: Node[] }).arguments;
  if (args.length === 0) return { kind: 'none' };
  if (args.length > 1) return null;
  const arg = unwrapExpression(args[0])!;
  if (arg.type === 'ObjectExpression') return { kind: 'object', node: arg };
  if (staticString(arg) !== null || arg.type === 'TemplateLiteral') return { kind: 'string', node: arg };
  if (arg.type === 'MemberExpression') {
    const text = memberText(arg);
    if (text?.startsWith('process.env.')) return { kind: 'string', node: arg };
  }
  if (arg.type === 'LogicalExpression' && memberText(arg.left)?.startsWith('process.env.') && staticString(arg.right) !== null) return { kind: 'string', node: arg };
  if (arg.type === 'Identifier' && !localNames.has(arg.name)) {
    const init = unwrapExpression(consts.get(arg.name));
    if (init?.type === 'ObjectExpression') return { kind: 'spread', node: arg };
    if (init && (staticString(init) !== null || memberText(init)?.startsWith('process.env.'))) return { kind: 'string', node: arg };
  }
  return null;
}

function memberText(n: Node | null | undefined): string | null {
  const u = unwrapExpression(n);
  if (!u) return null;
  if (u.type === 'Identifier') return u.name;
  if (u.type === 'MemberExpression' && !u.computed && u.property.type === 'Identifier') {
    const o = memberText(u.object);
    return o && `${o}.${u.property.name}`;
  }
  return null;
}

/** Checks every use of the connection; returns whether it runs a transaction. */
function checkUses(
  uses: ConnectionUse[],
  driver: DbDriver,
  resolve: (name: string, at: Node) => Node | undefined,
  allowOther: boolean,
): (Verdict & { transactionIn?: Set<Node>; rollbackIn?: Set<Node> }) {
  const transactionIn = new Set<Node>();
  const rollbackIn = new Set<Node>();
  for (const u of uses) {
    const m = u.method;
    if (m && driver.queryMethods.has(m) && u.call) {
      const first = u.call.arguments[0] as Node | undefined;
      const objText = first && unwrapExpression(first)?.type === 'ObjectExpression' ? objectText(unwrapExpression(first)!) : null;
      if (objText?.named) return fail(`\`${objText.named}\`: named prepared statements live in the session`, SESSION_HINT);
      const head = sqlHead(objText ? objText.text : first, (name) => resolve(name, u.ref));
      const kind = classifySql(head);
      if (kind.kind === 'session') return fail(kind.what, SESSION_HINT);
      if (kind.kind === 'unknown') {
        const passedIn = sqlFromParameter(objText ? objText.text : first, u.fn);
        if (passedIn) {
          return fail(
            `\`${passedIn.fn}()\` runs the SQL its callers pass in (\`${passedIn.param}\`), so session state cannot be ruled out: through a pool, a SET, LISTEN or BEGIN sent by one call is not on the connection the next call gets`,
            `Check every caller by hand (plain statements through \`${passedIn.fn}()\`; transaction callbacks use only the connection they are given), then: ${ACCESSOR_HINT}`,
          );
        }
        return fail('the SQL text is not static, so session state cannot be ruled out', 'Check that no query changes session state (SET, LISTEN, temporary tables), then use a pool by hand.');
      }
      if (kind.kind === 'transaction') transactionIn.add(u.fn ?? u.ref);
      if (head && /^\s*ROLLBACK\b/i.test(head)) rollbackIn.add(u.fn ?? u.ref);
      continue;
    }
    if (m && driver.transactionMethods.has(m)) {
      transactionIn.add(u.fn ?? u.ref);
      if (m === 'rollback') rollbackIn.add(u.fn ?? u.ref);
      continue;
    }
    if (m && driver.sessionMethods.has(m)) return fail(driver.sessionMethods.get(m)!, SESSION_HINT);
    if (m === 'connect' || (m && driver.endMethods.has(m))) {
      if (!u.statement || u.call!.arguments.length > 0) return fail(`\`.${m}()\` is used as a value or with a callback`);
      continue;
    }
    if (m === 'on' && u.statement && staticString(u.call!.arguments[0]) === 'error') continue;
    if (m && driver.harmlessMethods.has(m)) continue;
    if (!allowOther) {
      if (m) return fail(`\`.${m}()\` needs one dedicated connection`);
      const returned = returnedFrom(u);
      return returned
        ? fail(`\`${returned}()\` hands the connection itself to its callers`, ACCESSOR_HINT)
        : fail('the connection is passed around or stored');
    }
  }
  return { ok: true, transactionIn, rollbackIn };
}

const ACCESSOR_HINT =
  'Replace the connection with a module-level pool: plain queries call `pool.query()`; a transaction does `const c = await pool.connect()` and `c.release()` in `finally`; drop the lazy `connect()`.';

/** SQL that is a parameter of the function running it (`query(text, params)`): the function and parameter names. */
function sqlFromParameter(sql: Node | undefined, fn: Node | null): { fn: string; param: string } | null {
  const u = unwrapExpression(sql);
  if (u?.type !== 'Identifier' || !fn || !isFunction(fn)) return null;
  if (!fn.params.some((p) => p.type === 'Identifier' && p.name === u.name)) return null;
  const id = (fn as { id?: { name: string } | null }).id;
  return { fn: id?.name ?? 'a function', param: u.name };
}

/** `return client` inside a named function: the accessor's name. */
function returnedFrom(u: ConnectionUse): string | null {
  const fn = u.fn as (Node & { id?: { name: string } | null }) | null;
  if (!fn) return null;
  let returned = false;
  visit(fn, (n) => {
    if (n.type === 'ReturnStatement' && n.argument === u.ref) returned = true;
  });
  return returned ? fn.id?.name ?? 'an accessor' : null;
}

function objectText(obj: Node): { text: Node | undefined; named: string | null } {
  let text: Node | undefined;
  let named: string | null = null;
  if (obj.type === 'ObjectExpression') {
    for (const p of obj.properties) {
      if (p.type !== 'ObjectProperty' || p.computed || p.key.type !== 'Identifier') continue;
      if (p.key.name === 'text' || p.key.name === 'sql') text = p.value as Node;
      if (p.key.name === 'name') named = staticString(p.value as Node) ?? 'name';
    }
  }
  return { text, named };
}

function localResolver(analysis: FileAnalysis, consts: Map<string, Node>) {
  return (name: string, at: Node): Node | undefined => {
    // the nearest `const name = …` in an enclosing block, else a module constant
    for (let p = analysis.index.parent(at); p; p = analysis.index.parent(p)) {
      const list = p.type === 'BlockStatement' || p.type === 'Program' ? p.body : null;
      for (const s of list ?? []) {
        if (s.type !== 'VariableDeclaration' || s.kind !== 'const') continue;
        for (const d of s.declarations) if (d.id.type === 'Identifier' && d.id.name === name) return d.init ?? undefined;
      }
    }
    return consts.get(name);
  };
}

type Candidate = { node: Node; driver: DbDriver; fn: InvocationFunction | null; source: string; callee: Node; display: string };

function isPromiseApi(c: Candidate): boolean {
  return c.driver.label === 'pg' || c.source === 'mysql2/promise';
}

function planInvocationSite(c: Candidate, analysis: FileAnalysis, imports: Map<string, ImportedBinding>, consts: Map<string, Node>): DbSite | { why: string; hint?: string } {
  const fn = c.fn!;
  const facts = functionFacts(analysis, fn.fn);
  const localNames = facts.localNames;
  const verdict = argumentsVerdict(c.node, fn, analysis, { imports, moduleConsts: consts, localNames, hoisted: new Set() });
  if (verdict === 'request') return { why: 'its options come from the request', hint: 'Keep one pool per tenant/database at module scope (a Map keyed by it), each with a small max.' };
  if (verdict === 'local') return { why: 'its options are computed inside the function', hint: 'Build the options at module scope and create one small pool there.' };
  const local = declaredLocal(c.node, fn, analysis);
  if (!local || local === 'other') return { why: 'the connection is not kept in a plain local constant' };
  const config = configShape(c.node, consts, localNames);
  if (!config) return { why: 'cannot tell whether its argument is a connection string or an options object' };
  if (config.kind === 'string' && c.source === 'mysql') return { why: 'mysql pools cannot merge a connection URL with pool options' };
  const uses = connectionUses(local.refs, analysis);
  const checked = checkUses(uses, c.driver, localResolver(analysis, consts), true);
  if (!checked.ok) return { why: checked.why, hint: checked.hint };
  const checkout = checked.transactionIn!.size > 0;
  if (checkout) {
    const handOut = handOutVerdict(uses, fn.fn, analysis);
    if (!handOut.ok) return { why: handOut.why };
  }
  const others = uses.filter((u) => !(u.method && (c.driver.queryMethods.has(u.method) || u.method === 'connect' || c.driver.endMethods.has(u.method) || c.driver.harmlessMethods.has(u.method))));
  if (!checkout && others.length) {
    const returned = others.map(returnedFrom).find(Boolean);
    if (returned) return { why: `\`${returned}()\` returns the connection, so its callers share one connection`, hint: ACCESSOR_HINT };
    return { why: 'the connection is used for more than queries (passed around or listened to)' };
  }
  if (uses.some((u) => u.method === 'on')) return { why: 'listeners on a per-request connection would pile up on a shared pool' };
  let release: DbSite['release'] = null;
  const addRollback = new Set<Node>();
  if (checkout) {
    if (!isPromiseApi(c)) return { why: 'a callback-style transaction needs `pool.getConnection(cb)`, rewrite it by hand' };
    if (!fn.fn.async) return { why: 'the function is not async' };
    const r = releasePlan(local.declaration, uses, c.driver, analysis);
    if ('why' in r) return r;
    release = r;
    if (checked.rollbackIn!.size === 0) {
      if (r.wrap === null) {
        const tryStmt = analysis.index.parent(analysis.index.parent(r.end)!) as TryStatement;
        if (tryStmt.handler) return { why: 'the transaction has no ROLLBACK, and its `catch` would return a pooled connection mid-transaction' };
        r.addCatchTo = tryStmt;
      } else addRollback.add(fn.fn);
    }
  }
  return {
    driver: c.driver,
    source: c.source,
    node: c.node,
    callee: c.callee,
    scope: 'invocation',
    fn,
    declaration: local.declaration,
    declarator: local.declarator,
    name: local.name,
    uses,
    config,
    checkout,
    release,
    transactionFunctions: [],
    addRollback,
    accessors: null,
    key: `${c.driver.label}:${canonicalKey(c.node)}`,
  };
}

/** The per-request connection is closed exactly once, in a `finally` after it, or straight-line in the same block. */
function releasePlan(declaration: VariableDeclaration, uses: ConnectionUse[], driver: DbDriver, analysis: FileAnalysis): NonNullable<DbSite['release']> | { why: string } {
  const ends = uses.filter((u) => u.method && driver.endMethods.has(u.method));
  if (ends.length !== 1) return { why: ends.length ? 'it is closed in several places' : 'it is never closed, so a checked-out connection could not be released' };
  const end = ends[0].statement!;
  const list = statementList(declaration, analysis)!;
  const endList = statementList(end, analysis);
  const block = analysis.index.parent(end);
  const tryStmt = block && analysis.index.parent(block);
  if (tryStmt?.type === 'TryStatement' && tryStmt.finalizer === block && list.indexOf(tryStmt as Statement) > list.indexOf(declaration)) {
    return { end, wrap: null, addCatchTo: null };
  }
  if (endList !== list) return { why: 'it is not closed in a `finally`, so an error would leak a pool connection' };
  const from = list.indexOf(declaration) + 1;
  const to = list.indexOf(end);
  let wrap = list.slice(from, to);
  const declared = new Set(wrap.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations.flatMap((d) => patternNames(d.id).map((i) => i.name)) : [])));
  const clash = list.slice(to + 1).some((later) => {
    let hit = false;
    visit(later, (n, p) => {
      if (n.type === 'Identifier' && declared.has(n.name) && isReference(n, p)) hit = true;
    });
    return hit;
  });
  // values computed while it is open and used after it is closed: the rest of the block goes in the `try` too
  if (clash) wrap = [...wrap, ...list.slice(to + 1)];
  const connects = new Set(uses.filter((u) => u.method === 'connect').map((u) => u.statement));
  wrap = wrap.filter((s) => !connects.has(s));
  if (wrap.length === 0) return { why: 'nothing runs between opening and closing it' };
  if (wrap.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return { why: 'a declaration would move into a block' };
  return { end, wrap, addCatchTo: null };
}

function planModuleSite(c: Candidate, analysis: FileAnalysis): DbSite | { why: string; hint?: string } {
  const decl = analysis.index.parent(c.node);
  const declarator = decl?.type === 'AwaitExpression' ? analysis.index.parent(decl) : decl;
  const declaration = declarator && analysis.index.parent(declarator);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) {
    return { why: 'the connection is not kept in a plain module constant' };
  }
  if (analysis.index.parent(declaration)?.type !== 'Program') return { why: 'the connection is exported' };
  const name = declarator.id.name;
  if (isExported(analysis, name)) return { why: 'the connection is exported, other modules may use it as a single connection' };
  const consts = moduleConsts(analysis.ast.program);
  const config = configShape(c.node, consts, new Set());
  if (!config) return { why: 'cannot tell whether its argument is a connection string or an options object' };
  if (config.kind === 'string' && c.source === 'mysql') return { why: 'mysql pools cannot merge a connection URL with pool options' };
  const refs = moduleReferences(analysis, name, declarator.id);
  if (declaration.kind !== 'const' && refs.some((r) => {
    const p = analysis.index.parent(r);
    return p?.type === 'AssignmentExpression' && p.left === r;
  })) return { why: 'the binding is reassigned' };
  const all = connectionUses(refs, analysis);
  const resolve = localResolver(analysis, consts);
  const accessors = planAccessors(all, c.driver, analysis, (u, allow) => checkUses(u, c.driver, resolve, allow), isPromiseApi(c), (n) => isExported(analysis, n));
  if (accessors && 'why' in accessors) return { why: accessors.why, hint: accessors.hint ?? ACCESSOR_HINT };
  const uses = accessors ? all.filter((u) => !accessors.inside.has(u)) : all;
  if (accessors?.handsOut) {
    const other = accessors.callers.length > 1 || uses.some((u) => !(u.method && c.driver.endMethods.has(u.method) && inShutdownHook(u.fn, analysis)) && !(u.method === 'on' && !u.fn));
    if (other) {
      const { caller, to } = accessors.handsOut;
      return {
        why: `\`${caller}()\` hands the connection to \`${to}()\`, and other code uses it too: called from inside \`${to}()\`, that code would run outside the transaction, on another pooled connection`,
        hint: ACCESSOR_HINT,
      };
    }
  }
  const checked = checkUses(uses, c.driver, resolve, false);
  if (!checked.ok) return { why: checked.why, hint: checked.hint };
  const transactionFunctions = [...checked.transactionIn!].filter(isFunction) as FunctionNode[];
  if (checked.transactionIn!.size !== transactionFunctions.length) return { why: 'a transaction runs at module level' };
  if (transactionFunctions.length && !isPromiseApi(c)) return { why: 'a callback-style transaction needs `pool.getConnection(cb)`, rewrite it by hand' };
  const users = new Map<Node, string | null>();
  for (const u of uses) if (u.fn) users.set(u.fn, functionName(u.fn, analysis));
  for (const fn of transactionFunctions) {
    if (!fn.async || fn.body.type !== 'BlockStatement') return { why: 'a function that runs a transaction is not an async function with a body' };
    if (uses.some((u) => u.fn !== fn && u.fn && isInside(analysis.index, u.fn, fn) === false && callsFunction(fn, users.get(u.fn) ?? null))) {
      return { why: 'a transaction calls another function that uses the same connection' };
    }
    if (uses.some((u) => u.fn === fn && u.method && !c.driver.queryMethods.has(u.method) && !c.driver.transactionMethods.has(u.method))) {
      return { why: 'a function that runs a transaction also opens, closes or listens on the connection' };
    }
    if (uses.some((u) => u.fn !== fn && u.fn && isInside(analysis.index, u.fn, fn))) return { why: 'a transaction uses the connection inside a nested function' };
    const start = fn.body.body.findIndex((s) => uses.some((u) => isInside(analysis.index, u.ref, s)));
    if (fn.body.body.slice(start).some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return { why: 'a declaration would move into a block' };
  }
  return {
    driver: c.driver,
    source: c.source,
    node: c.node,
    callee: c.callee,
    scope: 'module',
    fn: null,
    declaration,
    declarator,
    name,
    uses,
    config,
    checkout: false,
    release: null,
    transactionFunctions,
    addRollback: new Set(transactionFunctions.filter((fn) => !checked.rollbackIn!.has(fn))),
    accessors,
    key: '',
  };
}

/** `process.on('SIGTERM', async () => { … })` and the like: closing there is not per request. */
function inShutdownHook(fn: Node | null, analysis: FileAnalysis): boolean {
  const call = fn && analysis.index.parent(fn);
  return call?.type === 'CallExpression' && /^process\.(on|once)$/.test(dottedName(call.callee) ?? '');
}

function functionName(fn: Node, analysis: FileAnalysis): string | null {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const p = analysis.index.parent(fn);
  return p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' ? p.id.name : null;
}

function callsFunction(fn: Node, name: string | null): boolean {
  if (!name) return false;
  let hit = false;
  visit(fn, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) hit = true;
  });
  return hit;
}

/** References to a module binding, skipping scopes that declare their own binding of the name. */
function moduleReferences(analysis: FileAnalysis, name: string, declared: Identifier): Identifier[] {
  return programReferencesNamed(analysis, name).filter((r) => r !== declared && !shadowed(r, name, analysis));
}

function shadowed(node: Node, name: string, analysis: FileAnalysis): boolean {
  for (let p = analysis.index.parent(node); p && p.type !== 'Program'; p = analysis.index.parent(p)) {
    if (isFunction(p) && (functionFacts(analysis, p).declarations.get(name) ?? 0) > 0) return true;
  }
  return false;
}

function isExported(analysis: FileAnalysis, name: string): boolean {
  for (const stmt of analysis.ast.program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      if (stmt.declaration?.type === 'VariableDeclaration' && stmt.declaration.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name)) return true;
      if (stmt.specifiers.some((s) => s.type === 'ExportSpecifier' && s.local.name === name)) return true;
    }
    if (stmt.type === 'ExportDefaultDeclaration' && stmt.declaration.type === 'Identifier' && stmt.declaration.name === name) return true;
  }
  // `module.exports = { db }`, `exports.db = db`: the binding itself leaves the module
  const exported = (v: Node | null | undefined): boolean => {
    const u = unwrapExpression(v);
    if (u?.type === 'Identifier') return u.name === name;
    return u?.type === 'ObjectExpression' && u.properties.some((p) => p.type === 'ObjectProperty' && exported(p.value as Node));
  };
  let hit = false;
  visit(analysis.ast.program, (n) => {
    if (hit || isFunction(n)) return false;
    if (n.type === 'AssignmentExpression' && /^(module\.)?exports\b/.test(memberText(n.left) ?? '') && exported(n.right)) hit = true;
  });
  return hit;
}

function namePools(analysis: FileAnalysis, pools: DbPool[], imports: Map<string, ImportedBinding>): void {
  const taken = new Set<string>(imports.keys());
  for (const pool of pools) {
    const site = pool.sites[0];
    if (site.scope === 'module' && /pool/i.test(site.name)) {
      pool.name = site.name;
      taken.add(site.name);
      continue;
    }
    // the functions that will refer to the pool must not mention the name for anything else
    const users = new Set<Node>(pool.sites.flatMap((s) => (s.fn ? [s.fn.fn] : [...s.uses.map((u) => u.fn), ...(s.accessors?.callers.map((c) => c.fn) ?? [])].filter((f): f is Node => !!f))));
    const candidates = ['pool', 'dbPool', ...[2, 3, 4, 5].map((i) => `pool${i}`)];
    pool.name = candidates.find((name) => isNameFree(analysis, name, new Set(), users, taken)) ?? '';
    if (pool.name) taken.add(pool.name);
  }
}
