// lazy-init-race: `if (!db) db = await connect()` (or `db ??= await connect()`, `db = db || await …`)
// on a module-level binding. Concurrent first requests all see `db` unset, all connect, and the
// last one wins. Fixable when the binding is used only by the functions that lazily init it,
// after the lazy init; then it becomes a memoized promise that resets on failure.
import type { Expression, Node, Statement, VariableDeclarator } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { enclosingFunction, isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { factsOf } from './module-facts';
import type { PlanReport } from './reports';
import { declarationOf, functionNames, isReference, reachedByValueWalk, type ModuleBinding } from './scope';

export interface LazyInitSite {
  fn: FunctionNode;
  /** the whole lazy-init statement, a direct child of fn's body */
  stmt: Statement;
  /** what was awaited: `connect()` in `db = await connect()` */
  load: Expression;
}

export interface LazyInitFix {
  name: string;
  declarator: VariableDeclarator;
  sites: LazyInitSite[];
}

export interface LazyInitPlan {
  fixes: LazyInitFix[];
  reports: PlanReport[];
}

export function planLazyInit(analysis: FileAnalysis): LazyInitPlan {
  const fixes: LazyInitFix[] = [];
  const reports: PlanReport[] = [];
  // most files declare no such binding: no need for the module facts then
  if (!analysis.ast.program.body.some(declaresEmptyVariable)) return { fixes, reports };
  const facts = factsOf(analysis);
  // only a binding declared empty is lazily initialized
  const candidates: Array<{ name: string; b: ModuleBinding; declarator: VariableDeclarator }> = [];
  for (const [name, b] of facts.bindings) {
    if ((b.kind !== 'let' && b.kind !== 'var') || !b.declarator || b.declarator.id.type !== 'Identifier' || !emptyInit(b.declarator.init)) continue;
    candidates.push({ name, b, declarator: b.declarator });
  }
  if (candidates.length === 0) return { fixes, reports };
  const refs = referencesByName(analysis, new Set(candidates.map((c) => c.name)));
  for (const { name, b, declarator } of candidates) {
    const mine = (refs.get(name) ?? []).filter((r) => r.node !== declarator.id);
    const races = mine.map((r) => raceAt(analysis, r.node, name)).filter((s): s is RaceSite => !!s);
    const sites = uniqueBy(races, (s) => s.stmt);
    if (sites.length === 0) continue;
    const exported = analysis.ast.program.body[b.index].type.startsWith('Export');
    const suppressed = sites.some((s) => analysis.isSuppressed('lazy-init-race', s.stmt.loc?.start.line ?? 0));
    const fixable = !exported && !suppressed && sites.every((s) => s.site) && usedOnlyAfterSites(analysis, name, mine, sites.map((s) => s.site!));
    if (fixable) fixes.push({ name, declarator, sites: sites.map((s) => s.site!) });
    for (const s of sites) {
      reports.push({
        node: s.stmt,
        message: `Lazy init of \`${name}\` awaits before storing it: concurrent first requests each run the load and overwrite each other.`,
        hint: fixable
          ? `memoize the promise at module scope and reset it on failure: ${name}Promise ??= load().catch((e) => { ${name}Promise = undefined; throw e; })`
          : `memoize the promise, not the value (${name}Promise ??= load().catch(…reset…)) and await it at every use; ` +
            (exported ? 'the binding is exported, so its users must change too' : 'it is used or written outside the lazy init, so this is left to you'),
        fixable,
      });
    }
  }
  return { fixes, reports: reports.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0)) };
}

interface RaceSite {
  stmt: Statement;
  /** set when the statement has the exact shape the transform rewrites */
  site: LazyInitSite | null;
}

/** A module-level `let x;` / `var x = null;` (maybe exported): what a lazy init starts from. */
function declaresEmptyVariable(stmt: Statement): boolean {
  const decl = declarationOf(stmt);
  return decl.type === 'VariableDeclaration' && (decl.kind === 'let' || decl.kind === 'var') &&
    decl.declarations.some((d) => d.id.type === 'Identifier' && emptyInit(d.init));
}

function emptyInit(init: Node | null | undefined): boolean {
  const n = unwrapExpression(init);
  return !n || n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
}

/** Does this reference belong to a lazy init that awaits (`if (!x) x = await …`, `x ??= await …`)? */
function raceAt(analysis: FileAnalysis, ref: Node, name: string): RaceSite | null {
  const parent = analysis.index.parent(ref);
  if (!parent || parent.type !== 'AssignmentExpression' || parent.left !== ref) return null;
  const right = unwrapExpression(parent.right)!;
  let awaited: Node | null = null;
  if (parent.operator === '??=' || parent.operator === '||=') awaited = right;
  else if (parent.operator === '=') {
    if (right.type === 'LogicalExpression' && (right.operator === '||' || right.operator === '??') && isName(right.left, name)) awaited = right.right;
    else awaited = right;
  }
  const load = awaited && unwrapExpression(awaited);
  if (!load || load.type !== 'AwaitExpression') return null;
  const exprStmt = analysis.index.parent(parent);
  if (exprStmt?.type !== 'ExpressionStatement') return null;
  const logical = parent.operator !== '=' || right.type === 'LogicalExpression';
  let stmt: Statement = exprStmt;
  if (!logical) {
    // `x = await load()` is a lazy init only under `if (!x)`
    let up = analysis.index.parent(exprStmt);
    if (up?.type === 'BlockStatement' && up.body.length === 1) up = analysis.index.parent(up);
    if (up?.type !== 'IfStatement' || !testsUnset(up.test, name)) {
      const guard = enclosingIf(analysis, exprStmt, name);
      return guard ? { stmt: guard, site: null } : null;
    }
    if (up.alternate) return { stmt: up, site: null };
    stmt = up;
  }
  const fn = enclosingFunction(stmt, analysis.index);
  const body = fn?.body.type === 'BlockStatement' ? fn.body.body : null;
  const direct = !!body && body.includes(stmt);
  return { stmt, site: direct && fn ? { fn, stmt, load: load.argument } : null };
}

/** An `if` testing the binding around a longer lazy init (`if (!x) { const c = …; x = await c.connect(); }`). */
function enclosingIf(analysis: FileAnalysis, node: Node, name: string): Statement | null {
  for (let cur = analysis.index.parent(node); cur && !isFunction(cur); cur = analysis.index.parent(cur)) {
    if (cur.type === 'IfStatement' && testsUnset(cur.test, name)) return cur;
  }
  return null;
}

function isName(node: Node | null | undefined, name: string): boolean {
  const n = unwrapExpression(node);
  return n?.type === 'Identifier' && n.name === name;
}

/** `!x`, `x == null`, `x === undefined`, `x === null`, `typeof x === 'undefined'` */
function testsUnset(test: Node, name: string): boolean {
  const t = unwrapExpression(test)!;
  if (t.type === 'UnaryExpression' && t.operator === '!') return isName(t.argument, name);
  if (t.type === 'BinaryExpression' && (t.operator === '==' || t.operator === '===')) {
    const [a, b] = isName(t.left, name) ? [t.left, t.right] : [t.right, t.left];
    if (!isName(a, name)) {
      const typeofSide = [t.left, t.right].find((s) => s.type === 'UnaryExpression' && s.operator === 'typeof' && isName(s.argument, name));
      const other = typeofSide === t.left ? t.right : t.left;
      return !!typeofSide && other.type === 'StringLiteral' && other.value === 'undefined';
    }
    return b.type === 'NullLiteral' || isName(b, 'undefined');
  }
  return false;
}

/** Every other use sits in a function with a lazy init of the same binding, after it, reading only. */
function usedOnlyAfterSites(analysis: FileAnalysis, name: string, refs: Array<{ node: Node }>, sites: LazyInitSite[]): boolean {
  const byFn = new Map<FunctionNode, LazyInitSite>();
  for (const s of sites) {
    if (byFn.has(s.fn) || functionNames(analysis, s.fn).declared.has(name)) return false;
    byFn.set(s.fn, s);
  }
  return refs.every(({ node }) => {
    const site = sites.find((s) => within(node, s.stmt));
    if (site) return true;
    const fn = [...byFn.keys()].find((f) => within(node, f));
    const s = fn && byFn.get(fn);
    if (!s || (node.start ?? 0) < (s.stmt.end ?? 0)) return false;
    const parent = analysis.index.parent(node);
    const written = (parent?.type === 'AssignmentExpression' && parent.left === node) || parent?.type === 'UpdateExpression';
    return !written;
  });
}

function within(node: Node, outer: Node): boolean {
  return (node.start ?? -1) >= (outer.start ?? 0) && (node.end ?? -1) <= (outer.end ?? 0);
}

/** The references to `names` a value walk of the program meets, in its order, from the index. */
function referencesByName(analysis: FileAnalysis, names: ReadonlySet<string>): Map<string, Array<{ node: Node }>> {
  const out = new Map<string, Array<{ node: Node }>>();
  const program = analysis.ast.program;
  for (const node of analysis.index.ofType('Identifier')) {
    if (!names.has(node.name) || !isReference(node, analysis.index.parent(node)) || !reachedByValueWalk(analysis.index, node, program)) continue;
    let list = out.get(node.name);
    if (!list) out.set(node.name, (list = []));
    list.push({ node });
  }
  return out;
}

function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}
