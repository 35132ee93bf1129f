// Module-level bindings and every use of them: who reads, rebinds or mutates module state, and
// whether that happens at init, in a handler, or in code a handler reaches. Scope-aware
// (module-scope.ts, Babel's scoping rules), so a shadowing local never counts. Works on the raw parser AST and on the
// recast AST alike.
//
//   analyseBindings(analysis) → ModuleBindings        (also lazily as `analysis.bindings`)
//   moduleBindingUses({ ast, index })                   the same uses without places (no call graph)
//   bindings.get('cache')?.references                   each { node, kind, site, place, fn, at }
//   readsThenWritesAcrossAwait(binding)                 lost-update candidates (`x += await f()`)
//   functionsReachableFromHandlers(analysis)            Set of in-file functions (handlers included)
import type { File as BabelFile, Identifier, Node } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from './ast';
import { hasAwaitBetween } from './await-points';
import { reachableFunctions } from './call-graph';
import type { HandlerInfo } from './handlers';
import { memoOn } from './memo';
import { moduleScope, type ModuleScope, type ScopeBinding } from './module-scope';
import { indexNodes, isReadOnly, type NodeIndex } from './walk';
import { collectExportNames } from './export-names';
import { classifyUse, overlaps, targetIdentifiers, type ReferenceKind } from './reference-kind';

export type { ReferenceKind } from './reference-kind';

export type BindingKind = 'var' | 'let' | 'const' | 'function' | 'class' | 'import' | 'other';

/**
 * Where code runs: 'init' = module top level (not in a function, or in a top-level IIFE);
 * 'handler' = lexically inside a handler function; 'reachable' = inside an in-file function a
 * handler reaches (calls, callbacks, methods of module objects); 'other' = any other function.
 */
export type Place = 'init' | 'handler' | 'reachable' | 'other';

export interface BindingReference {
  /** the identifier naming the binding */
  node: Identifier;
  /**
   * `x = v` write; `x++`/`x += v`/`x ??= v` give a read AND a write of the same node; `x.k = v`,
   * `x.push(v)` mutate; `x.k += v`/`x.k++` give a read AND a mutate
   */
  kind: ReferenceKind;
  /** the expression that does it: the assignment, update, `delete`, mutating call; for reads the identifier's parent */
  site: Node;
  place: Place;
  /** innermost enclosing function, null at module top level */
  fn: FunctionNode | null;
  /** static property path read or changed (`x.a.b = 1` → ['a', 'b'], `x.get(k)` → []); [] for the binding itself */
  members: string[];
  /** the handler this lies lexically inside, if any */
  handler: HandlerInfo | null;
  /** source offset where it happens: a read at the identifier's start, a write/mutation when `site` completes */
  at: number;
}

export interface ModuleBinding {
  name: string;
  kind: BindingKind;
  /** the declaring node: VariableDeclarator, FunctionDeclaration, ClassDeclaration, Import*Specifier … */
  declaration: Node;
  identifier: Identifier;
  /** initializer of a variable (unwrapped of TS casts), else null */
  init: Node | null;
  /** names it is exported under (ESM `export`, `exports.x = x`, `module.exports = { x }`, `export default x`) */
  exportNames: string[];
  exported: boolean;
  /** every use, declaration excluded, in source order */
  references: BindingReference[];
}

export interface ModuleBindings {
  /** by name, in declaration order */
  all: ModuleBinding[];
  get(name: string): ModuleBinding | undefined;
  /** the module binding an identifier node names (declaration or use), if any */
  bindingOf(identifier: Node): ModuleBinding | undefined;
  /** in-file functions reachable from the handlers, the handlers included */
  reachable: Set<FunctionNode>;
}

/** The parts of FileAnalysis this needs (so it also runs on a bare AST in tests). */
export interface BindingsInput {
  ast: BabelFile;
  handlers: HandlerInfo[];
  /** parent links of `ast` (built here when not given) */
  index?: NodeIndex;
}

const KIND: Record<string, BindingKind> = { var: 'var', let: 'let', const: 'const', module: 'import', hoisted: 'function' };

export function analyseBindings(analysis: BindingsInput): ModuleBindings {
  const index = analysis.index ?? indexNodes(analysis.ast);
  const used = moduleBindingUses({ ast: analysis.ast, index });
  const handlerOf = new Map<Node, HandlerInfo>(analysis.handlers.map((h) => [h.fn, h]));
  const reachable = reachableFunctions(used.scope, index, analysis.handlers.map((h) => h.fn));

  const placeOf = (at: Node): RunsIn => {
    let fn: FunctionNode | null = null;
    let handler: HandlerInfo | null = null;
    let inReachable = false;
    let onlyIifes = true;
    for (let node = index.parent(at); node; node = index.parent(node)) {
      if (!isFunction(node)) continue;
      fn ??= node;
      handler ??= handlerOf.get(node) ?? null;
      if (reachable.has(node)) inReachable = true;
      if (!isIife(node, index)) onlyIifes = false;
    }
    const place: Place = handler ? 'handler' : inReachable ? 'reachable' : fn === null || onlyIifes ? 'init' : 'other';
    return { place, fn, handler };
  };

  const all: ModuleBinding[] = [];
  for (const { name, binding, exportNames, uses } of used.bindings) {
    const mb = toModuleBinding(name, binding, exportNames);
    for (const { node, kind, site, at, members, from } of uses) {
      const { place, fn, handler } = placeOf(from);
      mb.references.push({ node, kind, site, at, members, place, fn, handler });
    }
    all.push(mb);
  }
  const byName = new Map(all.map((b) => [b.name, b]));
  // few callers ask by identifier: that table is built on the first question, not for every file
  let byIdentifier: Map<Node, ModuleBinding> | undefined;
  const bindingOf = (id: Node) => (byIdentifier ??= identifierTable(all)).get(id);
  return { all, get: (name) => byName.get(name), bindingOf, reachable };
}

/** Each binding's declaring identifier and the identifiers of its references. */
function identifierTable(all: ModuleBinding[]): Map<Node, ModuleBinding> {
  const table = new Map<Node, ModuleBinding>();
  for (const mb of all) {
    table.set(mb.identifier, mb);
    for (const r of mb.references) table.set(r.node, mb);
  }
  return table;
}

/** A use of a module binding as analyseBindings lists it, before asking where it runs. */
export interface BindingUse extends Pick<BindingReference, 'node' | 'kind' | 'site' | 'at' | 'members'> {
  /** the node whose enclosing functions say where the use runs */
  from: Node;
}

/** Every module-level binding with its uses in source order: analyseBindings without the places. */
export interface ModuleBindingUses {
  scope: ModuleScope;
  bindings: Array<{ name: string; binding: ScopeBinding; exportNames: string[]; uses: BindingUse[] }>;
}

const USES = {};

/**
 * Which identifiers use which module binding, and how. Callers that need no more than that (not
 * where each use runs, which takes the call graph) ask this instead of analyseBindings. On a tree
 * that no longer changes (markReadOnly) it is computed once and shared with analyseBindings.
 */
export function moduleBindingUses(input: { ast: BabelFile; index?: NodeIndex }): ModuleBindingUses {
  const compute = () => collectUses(input.ast, input.index ?? indexNodes(input.ast));
  return isReadOnly(input.ast) ? memoOn(input.ast, USES, compute) : compute();
}

function collectUses(ast: BabelFile, index: NodeIndex): ModuleBindingUses {
  const scope = moduleScope(ast);
  const exportNames = collectExportNames(ast.program.body);
  const parentOf = (n: Node) => index.parent(n);
  const bindings: ModuleBindingUses['bindings'] = [];
  for (const [name, binding] of scope.bindings) {
    const uses: BindingUse[] = [];
    const add = (from: Node, node: Identifier, kind: ReferenceKind, site: Node, members: string[] = []) => {
      const at = kind === 'read' ? node.start ?? 0 : site.end ?? node.end ?? 0;
      uses.push({ node, kind, site, at, members, from });
    };
    const seen = new Set<Node>();
    for (const node of binding.violations) {
      if (node.type === 'AssignmentExpression') {
        for (const id of targetIdentifiers(node.left)) {
          if (id.type !== 'Identifier' || id.name !== name) continue;
          seen.add(id);
          if (node.operator !== '=') add(node, id, 'read', node);
          add(node, id, 'write', node);
        }
      } else if (node.type === 'UpdateExpression') {
        const id = unwrapExpression(node.argument);
        if (id?.type !== 'Identifier') continue;
        seen.add(id);
        add(node, id, 'read', node);
        add(node, id, 'write', node);
      } else {
        // for (x of …), a redeclaring `var x = …` or function declaration
        const target = node.type === 'ForInStatement' || node.type === 'ForOfStatement' ? node.left : node;
        const ids = node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' ? [node.id!] : targetIdentifiers(target);
        for (const id of ids) {
          if (id.type !== 'Identifier' || id.name !== name || id === binding.identifier) continue;
          seen.add(id);
          add(node, id, 'write', node);
        }
      }
    }
    for (const node of binding.references) {
      if (seen.has(node) || node.type !== 'Identifier') continue;
      const parent = index.parent(node)!;
      // `export { x }` names the binding, it does not read it; types and overloads never run
      if (parent.type === 'ExportSpecifier' || isTypeOnly(parent)) continue;
      const use = classifyUse(node, parentOf);
      if (use.readsFirst) add(node, node, 'read', use.site, use.members);
      add(node, node, use.kind, use.site, use.members);
    }
    uses.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0) || order(a.kind) - order(b.kind));
    bindings.push({ name, binding, exportNames: exportNames.get(name) ?? [], uses });
  }
  return { scope, bindings };
}

// TypeScript nodes whose operand is a runtime value; under any other TS node a name is a type
const VALUE_TS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion',
  'TSInstantiationExpression', 'TSExportAssignment', 'TSParameterProperty', 'TSEnumMember']);

function isTypeOnly(parent: Node): boolean {
  return parent.type.startsWith('TS') && !VALUE_TS.has(parent.type);
}

/** The part of a reference that says where it runs. */
type RunsIn = Pick<BindingReference, 'place' | 'fn' | 'handler'>;

function order(kind: ReferenceKind): number {
  return kind === 'read' ? 0 : kind === 'mutate' ? 1 : 2;
}

function isIife(fn: Node, index: NodeIndex): boolean {
  let child: Node = fn;
  let parent = index.parent(fn);
  while (parent && (parent.type === 'ParenthesizedExpression' || parent.type === 'TSAsExpression')) {
    child = parent;
    parent = index.parent(parent);
  }
  return !!parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === child;
}

function toModuleBinding(name: string, binding: ScopeBinding, exportNames: string[]): ModuleBinding {
  const decl = binding.declaration;
  const kind: BindingKind = decl.type === 'ClassDeclaration' ? 'class' : KIND[binding.kind] ?? 'other';
  const init = decl.type === 'VariableDeclarator' ? unwrapExpression(decl.init) ?? null : null;
  return {
    name,
    kind,
    declaration: decl,
    identifier: binding.identifier,
    init,
    exportNames,
    exported: exportNames.length > 0,
    references: [],
  };
}

/** In-file functions reachable from the handlers (the handlers included). */
export function functionsReachableFromHandlers(analysis: { bindings: ModuleBindings }): Set<FunctionNode> {
  return analysis.bindings.reachable;
}

export interface AwaitSeparatedUpdate {
  binding: ModuleBinding;
  /** the read whose value is stale by the time of the write */
  read: BindingReference;
  /** the later write or mutation in the same function, after an await */
  write: BindingReference;
  fn: FunctionNode;
}

/**
 * "Read, await, then write" in one function: for each write or mutation of the binding, the
 * earliest read of it in the same function such that the function awaits between the read and
 * the write. `x += await f()` and `x = x + await f()` qualify (x is read before the await);
 * `const v = await f(); x += v` does not. For objects, the read and the change must touch related
 * properties (`o.a` then `o.a.b = …`, or a method call on `o`, not `o.a` then `o.b = …`).
 * Only source order within one function is considered
 * (not loop back-edges, not reads in other functions).
 */
export function readsThenWritesAcrossAwait(binding: ModuleBinding): AwaitSeparatedUpdate[] {
  const out: AwaitSeparatedUpdate[] = [];
  for (const write of binding.references) {
    if (write.kind === 'read' || !write.fn) continue;
    const fn = write.fn;
    const read = binding.references.find(
      (r) => r.kind === 'read' && r.fn === fn && overlaps(r.members, write.members) &&
        (r.node.end ?? Infinity) <= write.at && hasAwaitBetween(fn, r.node.end ?? 0, write.at),
    );
    if (read) out.push({ binding, read, write, fn });
  }
  return out;
}
