// MongoDB: `MongoClient` is a connection pool already, so one per worker is right; the hazards
// are a client built and closed per invocation, and `connect()` raced by concurrent requests.
// Fix: one module-level client and a memoized connect promise that resets on failure.
// Sessions and transactions stay per request (they are started from the shared client).
import type { Identifier, Node, Statement, VariableDeclarator } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { RuleReport } from '../types';
import { canonicalKey } from './canonical';
import { connectionUses, type ConnectionUse } from './connection-uses';
import { argumentsVerdict, declaredLocal, isCachedConstruction, moduleNamesUsed, moduleStatements, type DeclaredLocal } from './hoist-sites';
import { importedBindings, resolveImportedPath, type ImportedBinding } from './imported-bindings';
import { moduleConsts } from './independence';
import { invocationFunctions, type InvocationFunction } from './invocation-functions';
import { isNameFree } from './names';
import { requestTaint } from './request-taint';
import { declarationCounts, referencesNamed } from './scope';
import { visit } from '../analysis/walk';

export const MONGO_CLIENT_MISUSE = 'mongo-client-misuse';

export interface MongoSite {
  /** `new MongoClient(…)` or `MongoClient.connect(…)` */
  node: Node;
  staticConnect: boolean;
  fn: InvocationFunction;
  local: DeclaredLocal;
  uses: ConnectionUse[];
  key: string;
}

export interface MongoGroup {
  /** module-level client name, its memo variable and connect function */
  name: string;
  memo: string;
  connect: string;
  /** the class as written (`MongoClient`, `mongodb.MongoClient`) */
  classNode: Node;
  args: Node[];
  sites: MongoSite[];
  anchor: Statement;
  after: Statement[];
}

/** A module-level client whose `connect()` runs in the handler on every invocation. */
export interface MongoModuleClient {
  name: string;
  declarator: VariableDeclarator;
  statement: Statement;
  memo: string;
  connect: string;
  classNode: Node;
  connects: ConnectionUse[];
  closes: ConnectionUse[];
}

export interface MongoPlan {
  groups: MongoGroup[];
  moduleClients: MongoModuleClient[];
  reports: RuleReport[];
}

const SHARED_OK = new Set(['db', 'startSession', 'withSession', 'watch', 'bulkWrite']);

function mongoClass(node: Node, imports: Map<string, ImportedBinding>): { staticConnect: boolean; classNode: Node } | null {
  if (node.type === 'NewExpression') {
    const t = resolveImportedPath(node.callee, imports);
    return t?.source === 'mongodb' && t.path === 'MongoClient' ? { staticConnect: false, classNode: node.callee } : null;
  }
  if (node.type === 'CallExpression') {
    const callee = unwrapExpression(node.callee);
    if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'connect') return null;
    const t = resolveImportedPath(callee.object, imports);
    return t?.source === 'mongodb' && t.path === 'MongoClient' ? { staticConnect: true, classNode: callee.object } : null;
  }
  return null;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function planMongo(analysis: FileAnalysis): MongoPlan {
  const plan: MongoPlan = { groups: [], moduleClients: [], reports: [] };
  const imports = importedBindings(analysis.ast);
  if (![...imports.values()].some((b) => b.source === 'mongodb')) return plan;
  const fns = invocationFunctions(analysis);
  const consts = moduleConsts(analysis.ast.program);
  const statements = moduleStatements(analysis.ast.program);
  const byKey = new Map<string, MongoGroup>();
  const fixable: MongoSite[] = [];

  for (const fn of fns) {
    const found: Array<{ node: Node; staticConnect: boolean; classNode: Node }> = [];
    visit(fn.fn.body, (node) => {
      const m = mongoClass(node, imports);
      if (m && !isCachedConstruction(node, analysis)) found.push({ node, ...m });
    });
    for (const { node, staticConnect, classNode } of found) {
      if (analysis.isSuppressed(MONGO_CLIENT_MISUSE, node.loc?.start.line ?? 0)) continue;
      const what = `a \`MongoClient\` is ${staticConnect ? 'connected' : 'created'} on every invocation of \`${fn.name}\``;
      const localNames = new Set(declarationCounts(fn.fn).keys());
      const verdict = argumentsVerdict(node, fn, analysis, { imports, moduleConsts: consts, localNames, hoisted: new Set() }, requestTaint(fn.fn));
      const fail = (why: string, hint = 'Create one MongoClient at module scope and connect it once (memoize the connect promise).') =>
        plan.reports.push({ node, message: `${what}; not rewritten: ${why}`, hint, fixable: false });
      if (verdict === 'request') {
        fail('its URI or options come from the request', 'Keep one MongoClient per distinct URI at module scope (a Map keyed by it); each client is a pool.');
        continue;
      }
      if (verdict === 'local') {
        fail('its URI or options are computed inside the function');
        continue;
      }
      const local = declaredLocal(node, fn, analysis);
      if (!local || local === 'other') {
        fail('the client is not kept in a plain local constant');
        continue;
      }
      const uses = connectionUses(local.refs, analysis);
      const bad = uses.find((u) => !((u.method === 'connect' || u.method === 'close') ? u.statement && u.call!.arguments.length === 0 : u.method ? SHARED_OK.has(u.method) : isCallArgument(u.ref, analysis)));
      if (bad) {
        fail(bad.method ? `\`.${bad.method}()\` is used in a way a shared client cannot keep` : 'the client is stored or returned');
        continue;
      }
      const site: MongoSite = { node, staticConnect, fn, local, uses, key: `${staticConnect}:${canonicalKey(node)}` };
      let group = byKey.get(site.key);
      if (!group) {
        const used = moduleNamesUsed(node, new Set(statements.keys()), localNames);
        group = { name: '', memo: '', connect: '', classNode, args: (node as { arguments: Node[] }).arguments, sites: [], anchor: fn.statement, after: used.map((n) => statements.get(n)!) };
        byKey.set(site.key, group);
        plan.groups.push(group);
      }
      group.sites.push(site);
      fixable.push(site);
    }
  }
  nameGroups(analysis, plan.groups, imports);
  for (const site of fixable) {
    const group = plan.groups.find((g) => g.sites.includes(site))!;
    plan.reports.push({
      node: site.node,
      message: `a \`MongoClient\` is ${site.staticConnect ? 'connected' : 'created'} on every invocation of \`${site.fn.name}\`${group.name ? '' : '; not rewritten: no free name'}`,
      hint: 'One MongoClient per worker (it is a pool); connect once through a memoized promise that resets on failure.',
      fixable: !!group.name,
    });
  }
  plan.groups = plan.groups.filter((g) => g.name);
  planModuleClients(analysis, plan, imports, fns);
  return plan;
}

function isCallArgument(ref: Identifier, analysis: FileAnalysis): boolean {
  const p = analysis.index.parent(ref);
  return (p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.arguments.includes(ref as never);
}

function nameGroups(analysis: FileAnalysis, groups: MongoGroup[], imports: Map<string, ImportedBinding>): void {
  const taken = new Set(imports.keys());
  for (const group of groups) {
    const declaredName = group.sites.find((s) => !s.staticConnect)?.local.name;
    const candidates = [...(declaredName ? [declaredName] : []), 'mongoClient', 'sharedMongoClient'];
    for (const name of candidates) {
      const memo = `${name}Connection`;
      const connect = `connect${cap(name)}`;
      const owners = new Set<Node>(group.sites.filter((s) => !s.staticConnect && s.local.name === name).map((s) => s.fn.fn));
      const users = new Set<Node>(group.sites.map((s) => s.fn.fn));
      const usersNotOwners = new Set<Node>([...users].filter((f) => !owners.has(f)));
      if (
        isNameFree(analysis.ast, analysis.index, name, owners, usersNotOwners, taken) &&
        isNameFree(analysis.ast, analysis.index, memo, new Set(), new Set(), taken) &&
        isNameFree(analysis.ast, analysis.index, connect, new Set(), users, taken)
      ) {
        Object.assign(group, { name, memo, connect });
        taken.add(name).add(memo).add(connect);
        break;
      }
    }
  }
}

/** A module-level client whose `connect()` is awaited in the handler: memoize it. */
function planModuleClients(analysis: FileAnalysis, plan: MongoPlan, imports: Map<string, ImportedBinding>, fns: InvocationFunction[]): void {
  const taken = new Set([...imports.keys(), ...plan.groups.flatMap((g) => [g.name, g.memo, g.connect])]);
  for (const stmt of analysis.ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) {
      const init = unwrapExpression(d.init);
      if (d.id.type !== 'Identifier' || init?.type !== 'NewExpression') continue;
      const m = mongoClass(init, imports);
      if (!m) continue;
      const name = d.id.name;
      const refs = referencesNamed(analysis.ast.program, name).filter((r) => r !== d.id);
      const uses = connectionUses(refs, analysis);
      const inInvocation = (u: ConnectionUse) => !!u.fn && fns.some((f) => contains(f.fn, u.fn!, analysis));
      const connects = uses.filter((u) => u.method === 'connect' && inInvocation(u) && !isStored(u.call!, analysis));
      if (connects.length === 0) continue;
      const closes = uses.filter((u) => u.method === 'close' && inInvocation(u));
      const live = connects.filter((u) => !analysis.isSuppressed(MONGO_CLIENT_MISUSE, u.ref.loc?.start.line ?? 0));
      if (live.length === 0) continue;
      const memo = `${name}Connection`;
      const connect = `connect${cap(name)}`;
      const shapeOk = [...connects, ...closes].every((u) => u.statement && u.call!.arguments.length === 0);
      const namesOk = isNameFree(analysis.ast, analysis.index, memo, new Set(), new Set(), taken) &&
        isNameFree(analysis.ast, analysis.index, connect, new Set(), new Set(connects.map((u) => u.fn!)), taken);
      for (const u of live) {
        plan.reports.push({
          node: u.call!,
          message: `\`${name}.connect()\` runs on every invocation: concurrent requests race to connect the shared MongoClient${shapeOk && namesOk ? '' : '; not rewritten: it is used as a value or the helper names are taken'}`,
          hint: 'Connect once per worker through a memoized promise that resets on failure.',
          fixable: shapeOk && namesOk,
        });
      }
      if (!shapeOk || !namesOk) continue;
      for (const c of closes) {
        plan.reports.push({ node: c.call!, message: `\`${name}.close()\` per invocation closes the client the worker's other requests are using`, hint: 'Never close the shared client in the handler.', fixable: true });
      }
      taken.add(memo).add(connect);
      plan.moduleClients.push({ name, declarator: d, statement: stmt, memo, connect, classNode: m.classNode, connects, closes });
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

function contains(outer: Node, inner: Node, analysis: FileAnalysis): boolean {
  for (let p: Node | undefined = inner; p; p = analysis.index.parent(p)) if (p === outer) return true;
  return false;
}
