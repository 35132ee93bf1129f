// Every place a file uses a path under /tmp: one walk of the program that evaluates candidate
// expressions with the environment of the function they are in, and records how each is used.
import type { File as BabelFile, Node, VariableDeclarator } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import { isPropertyKey } from '../analysis/names-in-use';
import { isInside, visit, type NodeIndex } from '../analysis/walk';
import { TMP, tmpPathValue, type EvalEnv, type PathValue } from './evaluate';
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

const CANDIDATES = new Set(['StringLiteral', 'TemplateLiteral', 'CallExpression', 'OptionalCallExpression', 'BinaryExpression', 'Identifier']);

export function findOccurrences(ast: BabelFile, index: NodeIndex, facts: ModuleFacts, handlers: HandlerInfo[]): Occurrence[] {
  const out: Occurrence[] = [];
  const moduleInits = new Set([...facts.vars.values()].map((v) => v.init));
  const initEnv: EvalEnv = { facts, locals: new Map(), eventNames: new Set() };
  // the module scan stops at every outermost function: it lists them (in source order) for their own scans
  const outermost: Node[] = [];
  const scan = (root: Node, owner: Owner, env: EvalEnv) => {
    const scope = { index, env, localRefs: (name: string) => (owner.fn ? referencesIn(owner.fn, name) : []) };
    visit(root, (node, parent) => {
      // functions are scanned with their own env; a handler nested in a factory is its own owner
      if (node !== root && isFunction(node) && (owner.fn === null || handlerFns.has(node))) {
        if (owner.fn === null) outermost.push(node);
        return false;
      }
      if (!CANDIDATES.has(node.type) || !parent) return undefined;
      if (node.type === 'Identifier' && (!mayHoldPath(node.name, env) || !isReference(node, parent, index.parent(parent)))) return undefined;
      // a string is a /tmp path only when its own text starts with one
      if (node.type === 'StringLiteral' && !node.value.startsWith(TMP)) return undefined;
      const value = tmpPathValue(node, env);
      if (!value) return undefined;
      if (owner.fn === null) outermost.push(...outermostFunctions(node));
      if (value.kind === 'root') return false;
      // a module constant's declaration is not a use; its readers are
      if (owner.fn === null && moduleInits.has(node) && parent.type === 'VariableDeclarator') return false;
      const moduleVar = node.type === 'Identifier' && !env.locals.has(node.name) ? facts.vars.get(node.name) : undefined;
      out.push({ node, value, owner, moduleVar, uses: usesOf(node, scope) });
      return false;
    });
  };
  const handlerFns = new Set<Node>(handlers.map((h) => h.fn));
  scan(ast.program, { fn: null, handler: null, label: 'module init' }, initEnv);
  for (const fn of new Set([...outermost, ...handlerFns])) {
    const handler = handlers.find((h) => h.fn === fn) ?? null;
    const env: EvalEnv = { facts, locals: indexedLocalValues(fn, index), eventNames: handler ? indexedEventNames(fn, index) : new Set() };
    scan(fn, { fn, handler, label: handler ? `handler ${handler.exportName}` : functionLabel(fn, index) }, env);
  }
  return out;
}

/**
 * Only a name bound to a value (a local or a module constant) can evaluate to a path: an event
 * name or an unknown one is never a /tmp path (see `parts` in evaluate.ts).
 */
function mayHoldPath(name: string, env: EvalEnv): boolean {
  return (env.locals.has(name) || env.facts.vars.has(name)) && !env.eventNames.has(name);
}

/** The functions in `root` not nested in another function (`root` itself when it is one). */
function outermostFunctions(root: Node): Node[] {
  const out: Node[] = [];
  visit(root, (node) => {
    if (isFunction(node)) {
      out.push(node);
      return false;
    }
    return undefined;
  });
  return out;
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
export function indexedLocalValues(fn: Node, index: NodeIndex): Map<string, Node> {
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
export function indexedEventNames(fn: Node, index: NodeIndex): Set<string> {
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
