// Decides, for every AWS SDK client built per invocation, whether it can move to module scope
// (arguments the same for every request, used only through its methods) and under which name.
// The rule reports from this plan; the transform applies exactly its groups.
import type { Node, Statement } from '@babel/types';
import { enclosingFunction, propertyName } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { RuleReport } from '../types';
import { canonicalKey } from './canonical';
import { argumentsVerdict, declaredLocal, isCachedConstruction, moduleNamesUsed, moduleStatements, type DeclaredLocal } from './hoist-sites';
import { fileImports, type ImportedBinding } from './imported-bindings';
import { moduleConsts } from './independence';
import { invocationFunctions, perInvocationPlace, type InvocationFunction } from './invocation-functions';
import { isNameFree, suffixFrom } from './names';
import { isReference } from './scope';
import { functionFacts } from './function-facts';
import { sdkConstruction, startsFromImport, type SdkConstruction } from './sdk-construction';
import { effectStatement } from './statements';
import { isInside, visit, sortInTreeOrder } from '../analysis/walk';

export const CLIENT_PER_INVOCATION = 'client-per-invocation';

export interface SdkSite {
  node: Node;
  fn: InvocationFunction;
  client: SdkConstruction;
  local: DeclaredLocal | null;
  /** `client.destroy()` statements that would close the shared client */
  cleanups: Statement[];
  key: string;
}

export interface SdkGroup {
  name: string;
  sites: SdkSite[];
  /** hoisted code goes before this top-level statement … */
  anchor: Statement;
  /** … and after these (the module bindings its arguments read) */
  after: Statement[];
  /** earlier groups whose clients its arguments use */
  dependsOn: SdkGroup[];
}

export interface SdkPlan {
  groups: SdkGroup[];
  reports: RuleReport[];
}

const PER_REQUEST_CONFIG = new Set(['middlewareStack', 'config']);

/** Why a local client cannot simply become a shared one, or null when its uses are all safe. */
function unsafeUse(local: DeclaredLocal, analysis: FileAnalysis, cleanups: Statement[]): string | null {
  for (const ref of local.refs) {
    const p = analysis.index.parent(ref);
    if (!p) return 'escapes';
    if (p.type === 'MemberExpression' && p.object === ref) {
      const prop = propertyName(p);
      const gp = analysis.index.parent(p);
      if (gp?.type === 'AssignmentExpression' && gp.left === p) return `\`${local.name}.${prop}\` is assigned per request`;
      if (prop && PER_REQUEST_CONFIG.has(prop)) return `\`${local.name}.${prop}\` is changed per request`;
      if (prop === 'destroy') {
        const stmt = gp?.type === 'CallExpression' && gp.callee === p ? effectStatement(gp, analysis) : null;
        if (!stmt) return `\`${local.name}.destroy()\` is used as a value`;
        cleanups.push(stmt);
      }
      continue;
    }
    if ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(ref as never)) continue;
    // reads that neither keep nor change the client
    if ((p.type === 'BinaryExpression' && p.operator === 'instanceof' && p.left === ref) || (p.type === 'UnaryExpression' && p.operator === 'typeof')) continue;
    if (p.type === 'ObjectProperty' && p.value === ref) {
      const obj = analysis.index.parent(p);
      const call = obj && analysis.index.parent(obj);
      if ((call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.arguments.includes(obj as never)) continue;
    }
    return `\`${local.name}\` is used outside method calls`;
  }
  return null;
}

/**
 * The SDK client constructions inside functions (only code in a function can run per invocation;
 * most files build their clients at module scope). A construction nested in another is part of it.
 */
function constructionsInFunctions(analysis: FileAnalysis, imports: Map<string, ImportedBinding>): Map<Node, SdkConstruction> {
  const out = new Map<Node, SdkConstruction>();
  for (const type of ['NewExpression', 'CallExpression'] as const) {
    for (const node of analysis.index.ofType(type)) {
      // cheap tests first: most calls and `new`s are not built from an import, or run at module scope
      if (!startsFromImport(node, imports) || !enclosingFunction(node, analysis.index)) continue;
      const client = sdkConstruction(node, imports);
      if (client) out.set(node, client);
    }
  }
  return out;
}

function collectSites(analysis: FileAnalysis) {
  const imports = fileImports(analysis);
  const found: Array<{ node: Node; fn: InvocationFunction; client: SdkConstruction }> = [];
  const clients = constructionsInFunctions(analysis, imports);
  if (clients.size === 0) return { imports, found };
  // each function's constructions in the order a walk of its body meets them (functionFacts(…).calls
  // order), from the few constructions rather than from a walk of every invocation function
  const inTreeOrder = sortInTreeOrder([...clients.keys()], analysis.index);
  for (const fn of invocationFunctions(analysis)) {
    for (const node of inTreeOrder) {
      if (!isInside(analysis.index, node, fn.fn.body)) continue;
      const client = clients.get(node)!;
      // an inner construction is part of the outer client
      if (withinConstruction(node, fn.fn.body, clients, analysis)) continue;
      if (!isCachedConstruction(node, analysis)) found.push({ node, fn, client });
    }
  }
  // source order, so the first construction in the file gives the shared client its name
  found.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
  return { imports, found };
}

/** Is `node` inside another construction, up to and including `body`? */
function withinConstruction(node: Node, body: Node, clients: Map<Node, SdkConstruction>, analysis: FileAnalysis): boolean {
  for (let p = analysis.index.parent(node); p; p = analysis.index.parent(p)) {
    if (clients.has(p)) return true;
    if (p === body) return false;
  }
  return false;
}

export function planSdkClients(analysis: FileAnalysis): SdkPlan {
  const reports: RuleReport[] = [];
  const groups: SdkGroup[] = [];
  const { imports, found } = collectSites(analysis);
  if (found.length === 0) return { groups, reports };
  const consts = moduleConsts(analysis.ast.program);
  const statements = moduleStatements(analysis.ast.program);
  const moduleNames = new Set(statements.keys());
  const byKey = new Map<string, SdkGroup>();
  // local name → group, per function, for clients built from other hoisted clients
  const hoistedLocals = new Map<InvocationFunction, Map<string, SdkGroup>>();
  const siteGroup = new Map<SdkSite, SdkGroup>();
  const hoistable: Array<{ site: SdkSite; what: string }> = [];

  for (const { node, fn, client } of found) {
    const line = node.loc?.start.line ?? 0;
    if (analysis.isSuppressed(CLIENT_PER_INVOCATION, line)) continue;
    const facts = functionFacts(analysis, fn.fn);
    const localNames = facts.localNames;
    const hoisted = hoistedLocals.get(fn) ?? new Map<string, SdkGroup>();
    hoistedLocals.set(fn, hoisted);
    const env = { imports, moduleConsts: consts, localNames, hoisted: new Set(hoisted.keys()) };
    const verdict = argumentsVerdict(node, fn, analysis, env);
    const what = `\`${client.display}\` is constructed ${perInvocationPlace(fn)}`;
    if (verdict === 'request') {
      reports.push({
        node,
        message: `${what} from request data`,
        hint: 'Keep one client per distinct configuration at module scope (a Map keyed by tenant/region/role), not one per request.',
        fixable: false,
      });
      continue;
    }
    if (verdict === 'local') {
      reports.push({
        node,
        message: `${what}; its arguments are not constants (they read values computed in the function, mutable module state, or process.env written per request)`,
        hint: 'Compute the configuration at module scope and create the client there once; SDK clients are safe for concurrent use.',
        fixable: false,
      });
      continue;
    }
    const local = declaredLocal(node, fn, analysis);
    const cleanups: Statement[] = [];
    const problem = local === 'other' ? 'it is not a plain local constant' : local ? unsafeUse(local, analysis, cleanups) : null;
    if (problem) {
      reports.push({ node, message: `${what}, but ${problem}`, hint: 'Create the client once at module scope and pass per-request options to each call instead.', fixable: false });
      continue;
    }
    const renames = new Map([...hoisted].map(([name, g]) => [name, `@group${groups.indexOf(g)}`]));
    const site: SdkSite = { node, fn, client, local: local as DeclaredLocal | null, cleanups, key: canonicalKey(node, renames) };
    let group = byKey.get(site.key);
    if (!group) {
      const used = moduleNamesUsed(node, moduleNames, localNames);
      group = {
        name: '',
        sites: [],
        anchor: fn.statement,
        after: used.map((n) => statements.get(n)!),
        dependsOn: hoistedUsed(node, hoisted),
      };
      byKey.set(site.key, group);
      groups.push(group);
    } else if (program(analysis).indexOf(fn.statement) < program(analysis).indexOf(group.anchor)) {
      group.anchor = fn.statement;
    }
    group.sites.push(site);
    siteGroup.set(site, group);
    if (site.local) hoisted.set(site.local.name, group);
    hoistable.push({ site, what });
  }
  nameGroups(analysis, groups);
  for (const { site, what } of hoistable) {
    const named = !!siteGroup.get(site)!.name;
    reports.push({
      node: site.node,
      message: named ? `${what}; it can be created once at module scope` : `${what}; no free name to hoist it under`,
      hint: 'SDK clients are safe for concurrent use: create each one once at module scope.',
      fixable: named,
    });
  }
  return { groups: groups.filter((g) => g.name), reports };
}

function hoistedUsed(node: Node, hoisted: Map<string, SdkGroup>): SdkGroup[] {
  const out = new Set<SdkGroup>();
  visit(node, (n, parent) => {
    if (n.type === 'Identifier' && hoisted.has(n.name) && isReference(n, parent)) out.add(hoisted.get(n.name)!);
  });
  return [...out];
}

function program(analysis: FileAnalysis): Statement[] {
  return analysis.ast.program.body;
}

function firstString(node: Node): string | null {
  let out: string | null = null;
  visit(node, (n) => {
    if (out !== null) return false;
    if (n.type === 'StringLiteral' && n.value) out = n.value;
  });
  return out;
}

/**
 * The names a group may take, best first. A generator: the first is almost always free, so the
 * numbered fallbacks are never spelled out.
 */
function* nameCandidates(group: SdkGroup, base: string, baseUsed: boolean): Generator<string> {
  const first = group.sites[0];
  const literal = baseUsed ? firstString(first.node) : null;
  if (literal) yield base + suffixFrom(literal);
  yield base;
  yield first.client.suggestedName;
  for (let i = 2; i < 20; i++) yield `${base}${i}`;
}

function nameGroups(analysis: FileAnalysis, groups: SdkGroup[]): void {
  const taken = new Set<string>(fileImports(analysis).keys());
  const baseUsed = new Set<string>();
  for (const group of groups) {
    const first = group.sites[0];
    const base = group.sites.find((s) => s.local)?.local?.name ?? first.client.suggestedName;
    for (const name of nameCandidates(group, base, baseUsed.has(base))) {
      const owners = new Set<Node>(group.sites.filter((s) => s.local?.name === name).map((s) => s.fn.fn));
      const users = new Set<Node>(group.sites.map((s) => s.fn.fn).filter((f) => !owners.has(f)));
      if (isNameFree(analysis, name, owners, users, taken)) {
        group.name = name;
        break;
      }
    }
    baseUsed.add(base);
    taken.add(group.name);
  }
}
