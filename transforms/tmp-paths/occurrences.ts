// Every place a file uses a path under /tmp: candidate expressions evaluated with the environment
// of the function they are in, in the order of a walk of the program, and how each is used.
import type { Node, VariableDeclarator } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import { isPropertyKey } from '../analysis/names-in-use';
import { isInside, visit, type NodeIndex } from '../analysis/walk';
import { isOutermostFunction, pathCandidates, scanOwner } from './candidates';
import { sortInTreeOrder } from '../analysis/walk';
import { tmpPathValue, type EvalEnv, type PathValue } from './evaluate';
import type { ModuleFacts, ModuleVar } from './module-facts';
import { reassignedNames, reassignedNamesIn } from './module-facts';
import { usesOf, type Use } from './uses';

/** The outermost function an occurrence runs in, or module init. */
export interface Owner {
  fn: Node | null;
  handler: HandlerInfo | null;
  /** a name for messages: 'handler', 'function loadModel', 'module init' */
  label: string;
}

export interface Occurrence {
  node: Node;
  value: PathValue;
  owner: Owner;
  /** the module variable an identifier occurrence reads */
  moduleVar?: ModuleVar;
  uses: Use[];
}

/**
 * Each function (and module init) is scanned in source order with its own environment: the first
 * candidate on a path that has a /tmp value is the occurrence, and what is inside it is not looked
 * at again. The candidates come from the node index (see candidates.ts), grouped by the function
 * whose scan meets them; a handler nested in a factory is its own owner.
 */
export function findOccurrences(index: NodeIndex, facts: ModuleFacts, handlers: HandlerInfo[]): Occurrence[] {
  const handlerFns = new Set<Node>(handlers.map((h) => h.fn));
  const groups = new Map<Node | null, Node[]>();
  for (const node of pathCandidates(index, facts)) {
    const owner = scanOwner(node, index, handlerFns);
    const group = groups.get(owner);
    if (group) group.push(node);
    else groups.set(owner, [node]);
  }
  const out: Occurrence[] = [];
  for (const fn of scanOrder([...groups.keys()], handlers, index)) out.push(...scanGroup(fn, groups.get(fn)!, { index, facts, handlers }));
  return out;
}

/** Module init first, then the outermost functions in source order, then nested handlers in export order. */
function scanOrder(owners: Array<Node | null>, handlers: HandlerInfo[], index: NodeIndex): Array<Node | null> {
  const fns = owners.filter((fn): fn is Node => fn !== null);
  const outermost = sortInTreeOrder(fns.filter((fn) => isOutermostFunction(fn, index)), index);
  const nested = fns.filter((fn) => !outermost.includes(fn));
  nested.sort((a, b) => handlers.findIndex((h) => h.fn === a) - handlers.findIndex((h) => h.fn === b));
  return [...(owners.includes(null) ? [null] : []), ...outermost, ...nested];
}

interface ScanContext {
  index: NodeIndex;
  facts: ModuleFacts;
  handlers: HandlerInfo[];
}

/** The occurrences in one function's scan (`fn` null: module init), from its candidates. */
function scanGroup(fn: Node | null, candidates: Node[], { index, facts, handlers }: ScanContext): Occurrence[] {
  const handler = fn ? (handlers.find((h) => h.fn === fn) ?? null) : null;
  const env: EvalEnv = fn
    ? { facts, locals: indexedLocalValues(fn, index), eventNames: handler ? indexedEventNames(fn, index) : new Set() }
    : { facts, locals: new Map(), eventNames: new Set() };
  const owner: Owner = fn ? { fn, handler, label: handler ? `handler ${handler.exportName}` : functionLabel(fn, index) } : { fn: null, handler: null, label: 'module init' };
  const scope = { index, env, localRefs: (name: string) => (fn ? referencesIn(fn, name) : []) };
  const moduleInits = fn ? null : new Set([...facts.vars.values()].map((v) => v.init));
  const evaluated = candidates.filter((node) => {
    if (node.type !== 'Identifier') return true;
    const parent = index.parent(node)!;
    return mayHoldPath(node.name, env) && isReference(node, parent, index.parent(parent));
  });
  // the walk records a candidate with a value unless it is inside another one (it does not go there)
  const values = new Map<Node, PathValue>();
  for (const node of evaluated) {
    const value = tmpPathValue(node, env);
    if (value) values.set(node, value);
  }
  const first = [...values.keys()].filter((node) => !insideValued(node, fn, values, index));
  const out: Occurrence[] = [];
  for (const node of sortInTreeOrder(first, index)) {
    const value = values.get(node)!;
    if (value.kind === 'root') continue;
    // a module constant's declaration is not a use; its readers are
    if (moduleInits?.has(node) && index.parent(node)!.type === 'VariableDeclarator') continue;
    const moduleVar = node.type === 'Identifier' && !env.locals.has(node.name) ? facts.vars.get(node.name) : undefined;
    out.push({ node, value, owner, moduleVar, uses: usesOf(node, scope) });
  }
  return out;
}

/** Inside another candidate of the same scan that has a value. */
function insideValued(node: Node, fn: Node | null, values: Map<Node, PathValue>, index: NodeIndex): boolean {
  for (let p = index.parent(node); p && p !== fn; p = index.parent(p)) if (values.has(p)) return true;
  return false;
}

/**
 * Only a name bound to a value (a local or a module constant) can evaluate to a path: an event
 * name or an unknown one is never a /tmp path (see `parts` in evaluate.ts).
 */
function mayHoldPath(name: string, env: EvalEnv): boolean {
  return (env.locals.has(name) || env.facts.vars.has(name)) && !env.eventNames.has(name);
}

function functionLabel(fn: Node, index: NodeIndex): string {
  if (fn.type === 'FunctionDeclaration' && fn.id) return `function ${fn.id.name}`;
  const parent = index.parent(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `function ${parent.id.name}`;
  return 'a function';
}

// TS wrappers whose operand is a value read
const TS_EXPRESSIONS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** Identifiers that read a binding (not declarations, keys, or type names). */
export function isReference(node: Node, parent: Node, grandparent: Node | undefined): boolean {
  if (isPropertyKey(node, parent)) return false;
  if (parent.type === 'VariableDeclarator') return parent.init === node;
  if (isFunction(parent)) return (parent as { body: Node }).body === node;
  const type = parent.type;
  if ((type.startsWith('Import') || type.startsWith('Export')) && type !== 'ExportDefaultDeclaration') return false;
  if (type.startsWith('TS')) return TS_EXPRESSIONS.has(type);
  switch (parent.type) {
    case 'ArrayPattern':
    case 'RestElement':
    case 'CatchClause':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return false;
    case 'AssignmentPattern':
      return parent.right === node;
    case 'ObjectProperty':
      return parent.value === node && grandparent?.type !== 'ObjectPattern';
    default:
      return true;
  }
}

/** Never-reassigned variables declared anywhere in `fn`: name → initializer. */
export function localValues(fn: Node): Map<string, Node> {
  const reassigned = reassignedNames(fn);
  const out = new Map<string, Node>();
  visit(fn, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && !reassigned.has(node.id.name)) {
      out.set(node.id.name, node.init);
    }
    if (node !== fn && (node.type === 'FunctionDeclaration') && node.id) out.set(node.id.name, node);
  });
  return out;
}

/**
 * localValues(fn) from the node index of the tree `fn` is in, while the tree has not changed since
 * the index was built (planning). Only lookups by name matter: the last declaration in source order wins.
 */
function indexedLocalValues(fn: Node, index: NodeIndex): Map<string, Node> {
  const reassigned = reassignedNamesIn(index, fn);
  const out = new Map<string, Node>();
  for (const node of index.ofType('VariableDeclarator')) {
    if (node.id.type === 'Identifier' && node.init && !reassigned.has(node.id.name) && isInside(index, node, fn)) out.set(node.id.name, node.init);
  }
  for (const node of index.ofType('FunctionDeclaration')) {
    if (node === fn || !node.id || !isInside(index, node, fn)) continue;
    // a name declared as a variable and a function: which comes last is a question of source order
    if (out.has(node.id.name)) return localValues(fn);
    out.set(node.id.name, node);
  }
  return out;
}

/** The handler's event parameter, and every name destructured from it (in the parameter or the body). */
export function eventNames(fn: Node): Set<string> {
  const names = eventParamNames(fn);
  visit(fn, (node) => {
    if (node.type === 'VariableDeclarator') addIfDestructuredFromEvent(node, names);
  });
  return names;
}

/** eventNames(fn) from the node index of the tree `fn` is in (declarators in the same source order as the walk). */
function indexedEventNames(fn: Node, index: NodeIndex): Set<string> {
  const names = eventParamNames(fn);
  for (const node of index.ofType('VariableDeclarator')) {
    if (node.id.type !== 'Identifier' && node.init && isInside(index, node, fn)) addIfDestructuredFromEvent(node, names);
  }
  return names;
}

function eventParamNames(fn: Node): Set<string> {
  const names = new Set<string>();
  addPatternNames((fn as { params: Node[] }).params[0], names);
  return names;
}

/** `const { a, b } = event.body`: the names it declares carry the event too. */
function addIfDestructuredFromEvent(node: VariableDeclarator, names: Set<string>): void {
  if (node.id.type === 'Identifier' || !node.init) return;
  let root: Node = node.init;
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') root = root.object;
  if (root.type === 'Identifier' && names.has(root.name)) addPatternNames(node.id, names);
}

function addPatternNames(p: Node | null | undefined, names: Set<string>): void {
  if (!p) return;
  if (p.type === 'Identifier') names.add(p.name);
  else if (p.type === 'ObjectPattern') for (const prop of p.properties) addPatternNames(prop.type === 'RestElement' ? prop.argument : (prop.value as Node), names);
  else if (p.type === 'ArrayPattern') for (const el of p.elements) addPatternNames(el, names);
  else if (p.type === 'AssignmentPattern') addPatternNames(p.left, names);
  else if (p.type === 'RestElement') addPatternNames(p.argument, names);
}

/** Identifier references to `name` inside `fn` (not scope-aware). */
export function referencesIn(fn: Node, name: string): Node[] {
  const out: Node[] = [];
  visit(fn, (node, parent) => {
    if (node.type === 'Identifier' && node.name === name && parent && isReference(node, parent, undefined)) out.push(node);
  });
  return out;
}
