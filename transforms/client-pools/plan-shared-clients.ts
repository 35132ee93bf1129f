// Clients that are pools already (MongoClient, Redis) belong once per worker. Per-invocation
// ones are hoisted with a memoized connect that resets on failure; a module-level client whose
// `connect()` runs per request gets the same memo; per-request `close()`/`quit()` is removed.
// Commands that need a connection of their own (blocking, SUBSCRIBE, WATCH, SELECT) are reported.
import type { Node, Statement, VariableDeclarator } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { isInside } from '../analysis/walk';
import type { RuleReport } from '../types';
import { canonicalKey } from './canonical';
import { connectionUses, type ConnectionUse } from './connection-uses';
import { argumentsVerdict, declaredLocal, isCachedConstruction, moduleNamesUsed, moduleStatements, type DeclaredLocal } from './hoist-sites';
import { fileImports, type ImportedBinding } from './imported-bindings';
import { moduleConsts } from './independence';
import { invocationFunctions, perInvocationPlace, type InvocationFunction } from './invocation-functions';
import { isNameFree } from './names';
import { functionFacts } from './function-facts';
import { mentionsAny } from './request-taint';
import { declarationCounts, programReferencesNamed } from './scope';
import type { SharedClientFamily } from './shared-client-family';

export interface SharedSite {
  node: Node;
  staticConnect: boolean;
  fn: InvocationFunction;
  local: DeclaredLocal;
  uses: ConnectionUse[];
  /** `client.on('error', …)` statements that move to module scope with the client */
  listeners: Statement[];
  key: string;
}

export interface SharedGroup {
  name: string;
  memo: string;
  connect: string;
  /** a memoized connect is generated only when some site connects explicitly */
  needsMemo: boolean;
  classNode: Node;
  args: Node[];
  sites: SharedSite[];
  anchor: Statement;
  after: Statement[];
}

/** A module-level client connected (or closed) on every invocation. */
export interface SharedModuleClient {
  name: string;
  declarator: VariableDeclarator;
  statement: Statement;
  memo: string;
  connect: string;
  connects: ConnectionUse[];
  closes: ConnectionUse[];
}

export interface SharedPlan {
  family: SharedClientFamily;
  groups: SharedGroup[];
  moduleClients: SharedModuleClient[];
  reports: RuleReport[];
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function memoNames(name: string): { memo: string; connect: string } {
  return { memo: `${name}Connection`, connect: `connect${cap(name)}` };
}

export function planSharedClients(analysis: FileAnalysis, family: SharedClientFamily): SharedPlan {
  const plan: SharedPlan = { family, groups: [], moduleClients: [], reports: [] };
  const imports = fileImports(analysis);
  // nothing of the family in the file: no site and no module-level client (most files)
  if (!mentionsFamily(analysis, family, imports)) return plan;
  const fns = invocationFunctions(analysis);
  const consts = moduleConsts(analysis.ast.program);
  const statements = moduleStatements(analysis.ast.program);
  const byKey = new Map<string, SharedGroup>();
  const fixable: SharedSite[] = [];
  const report = (node: Node, message: string, fix: boolean, hint = family.hint) => plan.reports.push({ node, message, hint, fixable: fix });

  for (const fn of fns) {
    const found: Array<{ node: Node; staticConnect: boolean; classNode: Node }> = [];
    // a family only recognises calls and `new` expressions
    for (const node of functionFacts(analysis, fn.fn).calls) {
      const m = family.recognise(node, imports);
      if (m && !isCachedConstruction(node, analysis)) found.push({ node, ...m });
    }
    for (const { node, staticConnect, classNode } of found) {
      if (analysis.isSuppressed(family.rule, node.loc?.start.line ?? 0)) continue;
      const what = `a ${family.label} is ${staticConnect ? 'connected' : 'created'} ${perInvocationPlace(fn)}`;
      const facts = functionFacts(analysis, fn.fn);
      const localNames = facts.localNames;
      const verdict = argumentsVerdict(node, fn, analysis, { imports, moduleConsts: consts, localNames, hoisted: new Set() });
      if (verdict !== 'independent') {
        report(node, `${what}; not rewritten: its options ${verdict === 'request' ? 'come from the request' : 'are computed inside the function'}`, false,
          verdict === 'request' ? `Keep one ${family.label} per distinct configuration at module scope (a Map keyed by it).` : family.hint);
        continue;
      }
      const local = declaredLocal(node, fn, analysis);
      if (!local || local === 'other') {
        report(node, `${what}; not rewritten: the client is not kept in a plain local constant`, false);
        continue;
      }
      const uses = connectionUses(local.refs, analysis);
      const problem = siteProblem(uses, family, local.name, localNames, analysis);
      if (problem) {
        report(node, `${what}; not rewritten: ${problem}`, false);
        continue;
      }
      const listeners = uses.filter((u) => u.method === 'on').map((u) => u.statement!);
      const site: SharedSite = { node, staticConnect, fn, local, uses, listeners, key: `${staticConnect}:${canonicalKey(node)}` };
      let group = byKey.get(site.key);
      if (!group) {
        const used = moduleNamesUsed(node, new Set(statements.keys()), localNames);
        group = { name: '', memo: '', connect: '', needsMemo: false, classNode, args: (node as { arguments: Node[] }).arguments, sites: [], anchor: fn.statement, after: used.map((n) => statements.get(n)!) };
        byKey.set(site.key, group);
        plan.groups.push(group);
      }
      group.sites.push(site);
      group.needsMemo ||= staticConnect || uses.some((u) => u.method === 'connect');
      fixable.push(site);
    }
  }
  nameGroups(analysis, plan.groups, imports, family);
  for (const site of fixable) {
    const group = plan.groups.find((g) => g.sites.includes(site))!;
    report(site.node, `a ${family.label} is ${site.staticConnect ? 'connected' : 'created'} ${perInvocationPlace(site.fn)}${group.name ? '' : '; not rewritten: no free name'}`, !!group.name);
  }
  plan.groups = plan.groups.filter((g) => g.name);
  planModuleClients(analysis, plan, imports, fns);
  return plan;
}

function mentionsFamily(analysis: FileAnalysis, family: SharedClientFamily, imports: Map<string, ImportedBinding>): boolean {
  for (const type of ['NewExpression', 'CallExpression'] as const) {
    for (const node of analysis.index.ofType(type)) if (family.recognise(node, imports)) return true;
  }
  return false;
}

/** Why this per-invocation client cannot simply become the shared one, or null. */
function siteProblem(uses: ConnectionUse[], family: SharedClientFamily, name: string, localNames: Set<string>, analysis: FileAnalysis): string | null {
  const others = new Set([...localNames].filter((n) => n !== name));
  for (const u of uses) {
    if (u.method === 'connect' || (u.method && family.closeMethods.has(u.method))) {
      if (!u.statement || u.call!.arguments.length > 0) return `\`.${u.method}()\` is used as a value or with arguments`;
      continue;
    }
    if (u.method === 'on') {
      const outside = (a: Node) => new Set([...others].filter((n) => !declarationCounts(a).has(n)));
      if (!u.statement || u.fn !== enclosingFn(u.statement, analysis) || u.call!.arguments.some((a) => mentionsAny(a, outside(a)))) return 'a listener uses per-request values';
      continue;
    }
    if (u.method) {
      const unsafe = family.unsafeCall(u.method, u.call!);
      if (unsafe) return `\`.${u.method}()\`: ${unsafe}`;
      continue;
    }
    const p = analysis.index.parent(u.ref);
    if (!((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.arguments.includes(u.ref as never))) return 'the client is stored or returned';
  }
  return null;
}

function enclosingFn(node: Node, analysis: FileAnalysis): Node | null {
  for (let p = analysis.index.parent(node); p; p = analysis.index.parent(p)) if (isFunction(p)) return p;
  return null;
}

function nameGroups(analysis: FileAnalysis, groups: SharedGroup[], imports: Map<string, ImportedBinding>, family: SharedClientFamily): void {
  const taken = new Set(imports.keys());
  for (const group of groups) {
    const declaredName = group.sites.find((s) => !s.staticConnect)?.local.name;
    const candidates = [...(declaredName ? [declaredName] : []), family.defaultName, `shared${cap(family.defaultName)}`];
    for (const name of candidates) {
      const { memo, connect } = memoNames(name);
      const owners = new Set<Node>(group.sites.filter((s) => !s.staticConnect && s.local.name === name).map((s) => s.fn.fn));
      const users = new Set<Node>(group.sites.map((s) => s.fn.fn));
      const nonOwners = new Set<Node>([...users].filter((f) => !owners.has(f)));
      const free = (n: string, u: Set<Node>, o = new Set<Node>()) => isNameFree(analysis, n, o, u, taken);
      if (free(name, nonOwners, owners) && (!group.needsMemo || (free(memo, new Set()) && free(connect, users)))) {
        Object.assign(group, { name, memo, connect });
        taken.add(name).add(memo).add(connect);
        break;
      }
    }
  }
}

/** Module-level clients: `connect()` per request gets memoized, `close()` per request removed, stateful commands reported. */
function planModuleClients(analysis: FileAnalysis, plan: SharedPlan, imports: Map<string, ImportedBinding>, fns: InvocationFunction[]): void {
  const { family } = plan;
  const taken = new Set([...imports.keys(), ...plan.groups.flatMap((g) => [g.name, g.memo, g.connect])]);
  for (const stmt of analysis.ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) {
      const init = unwrapExpression(d.init);
      if (d.id.type !== 'Identifier' || !init || !family.recognise(init, imports)) continue;
      const name = d.id.name;
      const uses = connectionUses(programReferencesNamed(analysis, name).filter((r) => r !== d.id), analysis);
      const inInvocation = (u: ConnectionUse) => !!u.fn && fns.some((f) => isInside(analysis.index, u.fn!, f.fn));
      const live = (u: ConnectionUse) => inInvocation(u) && !analysis.isSuppressed(family.rule, u.ref.loc?.start.line ?? 0);
      for (const u of uses) {
        const unsafe = u.method && u.call && live(u) ? family.unsafeCall(u.method, u.call) : null;
        if (unsafe) plan.reports.push({ node: u.call!, message: `\`${name}.${u.method}()\` on the client every concurrent request shares: ${unsafe}`, hint: family.hint, fixable: false });
      }
      const connects = uses.filter((u) => u.method === 'connect' && live(u) && !isStored(u.call!, analysis));
      const closes = uses.filter((u) => u.method && family.closeMethods.has(u.method) && live(u));
      if (connects.length + closes.length === 0) continue;
      const { memo, connect } = memoNames(name);
      const shapeOk = [...connects, ...closes].every((u) => u.statement && u.call!.arguments.length === 0);
      const namesOk = connects.length === 0 || (isNameFree(analysis, memo, new Set(), new Set(), taken) &&
        isNameFree(analysis, connect, new Set(), new Set(connects.map((u) => u.fn!)), taken));
      const ok = shapeOk && namesOk;
      const why = ok ? '' : '; not rewritten: it is used as a value or the helper names are taken';
      for (const u of connects) plan.reports.push({ node: u.call!, message: `\`${name}.connect()\` runs on every invocation: concurrent requests race to connect the shared ${family.label}${why}`, hint: 'Connect once per worker through a memoized promise that resets on failure.', fixable: ok });
      for (const u of closes) plan.reports.push({ node: u.call!, message: `\`${name}.${u.method}()\` per invocation closes the client the worker's other requests are using${why}`, hint: 'Never close the shared client in the handler.', fixable: ok });
      if (!ok) continue;
      if (connects.length) taken.add(memo).add(connect);
      plan.moduleClients.push({ name, declarator: d, statement: stmt, memo, connect, connects, closes });
    }
  }
}

/** `p ??= client.connect()…`: the promise is kept beyond the call (a memo or lazy init), not raced per request. */
function isStored(call: Node, analysis: FileAnalysis): boolean {
  for (let p = analysis.index.parent(call); p && !isFunction(p); p = analysis.index.parent(p)) {
    if (p.type === 'AssignmentExpression') return true;
  }
  return false;
}
