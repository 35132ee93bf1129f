// Just enough scope analysis for init-phase: what a module-level name is bound to, which names
// a function declares, and which names an expression reads from outside itself.
import type { File as BabelFile, Node, Statement, VariableDeclarator } from '@babel/types';
import { isPropertyKey } from '../analysis/names-in-use';
import { isFunction, patternNames, requireSource } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { memoOn } from '../analysis/memo';
import { isInside, visit, type NodeIndex, VISITOR_KEYS } from '../analysis/walk';

export type BindingKind = 'import' | 'require' | 'const' | 'let' | 'var' | 'function' | 'class';

export interface ModuleBinding {
  kind: BindingKind;
  /** index of the declaring statement in program.body */
  index: number;
  /** module specifier for imports and `const x = require('x')` */
  source?: string;
  /** what it imports: an export name, 'default', or '*' for the whole module */
  imported?: string;
  /** the declarator of a variable binding */
  declarator?: VariableDeclarator;
}

/** shared with the other transforms: see analysis/ast.ts */
export { patternNames };

/** The declaration a top-level statement carries, looking through `export`. */
export function declarationOf(stmt: Statement): Statement {
  if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration) {
    return stmt.declaration as Statement;
  }
  return stmt;
}

export function moduleBindings(ast: BabelFile): Map<string, ModuleBinding> {
  const out = new Map<string, ModuleBinding>();
  ast.program.body.forEach((stmt, index) => {
    if (stmt.type === 'ImportDeclaration') {
      if (stmt.importKind === 'type') return;
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportSpecifier' && s.importKind === 'type') continue;
        const imported = s.type === 'ImportSpecifier'
          ? (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value)
          : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
        out.set(s.local.name, { kind: 'import', index, source: stmt.source.value, imported });
      }
      return;
    }
    const decl = declarationOf(stmt);
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        const source = requireSource(d.init);
        const kind: BindingKind = source !== null && decl.kind === 'const' ? 'require' : (decl.kind as BindingKind);
        if (source !== null && d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) {
            if (p.type !== 'ObjectProperty' || p.computed || p.value.type !== 'Identifier') continue;
            const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
            if (key) out.set(p.value.name, { kind, index, source, imported: key });
          }
          continue;
        }
        for (const name of patternNames(d.id)) {
          out.set(name, { kind, index, source: source ?? undefined, imported: source !== null ? '*' : undefined, declarator: d });
        }
      }
    } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
      out.set(decl.id.name, { kind: decl.type === 'FunctionDeclaration' ? 'function' : 'class', index });
    }
  });
  return out;
}

/** Every name declared anywhere inside `root` (parameters, variables, functions, classes, catch clauses). */
export function declaredNames(root: Node): Set<string> {
  const names = new Set<string>();
  visit(root, (node) => {
    if (isFunction(node)) {
      for (const p of node.params) for (const n of patternNames(p)) names.add(n);
      if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) names.add(node.id.name);
    } else if (node.type === 'VariableDeclarator') {
      for (const n of patternNames(node.id)) names.add(n);
    } else if (node.type === 'CatchClause' && node.param) {
      for (const n of patternNames(node.param)) names.add(n);
    } else if (node.type === 'ClassDeclaration' && node.id) {
      names.add(node.id.name);
    }
    return undefined;
  });
  return names;
}

export interface FunctionNames {
  /** declaredNames(fn) */
  declared: Set<string>;
  /** how often each name is declared in the value code of fn (parameters, variables, functions, classes, catch clauses) */
  counts: Map<string, number>;
}

// Several init-phase plans ask about the same handler: computed once per function and analysis
const FUNCTION_NAMES = {};

/** The names `fn` declares, computed once per analysis (callers must not change the result). */
export function functionNames(analysis: FileAnalysis, fn: Node): FunctionNames {
  const byFunction = memoOn(analysis, FUNCTION_NAMES, () => new Map<Node, FunctionNames>());
  let names = byFunction.get(fn);
  if (!names) byFunction.set(fn, (names = collectFunctionNames(analysis.index, fn)));
  return names;
}

/** Every node type that declares a name: functions (parameters, ids), variables, catch clauses, classes. */
const DECLARING_TYPES = [
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod',
  'VariableDeclarator', 'CatchClause', 'ClassDeclaration',
] as const;

/**
 * declaredNames(fn) (every node inside fn, types included) and the declaration counts of a
 * visitValues(fn) walk, from the index's declaring nodes instead of a walk of the function.
 */
function collectFunctionNames(index: NodeIndex, fn: Node): FunctionNames {
  const declared = new Set<string>();
  const counts = new Map<string, number>();
  for (const type of DECLARING_TYPES) {
    for (const node of index.ofType(type) as Node[]) {
      const place = placeIn(index, node, fn);
      if (place === 'outside') continue;
      // a fresh list per node: emptying one with `length = 0` is a runtime call, slower in V8
      const found: string[] = [];
      if (isFunction(node)) for (const p of node.params) patternNames(p, found);
      else if (node.type === 'VariableDeclarator') patternNames(node.id, found);
      else if (node.type === 'CatchClause') patternNames(node.param, found);
      if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) found.push(node.id.name);
      for (const n of found) {
        declared.add(n);
        if (place === 'value') counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      // a function expression's own name is declared but never counted
      if (node.type === 'FunctionExpression' && node.id) declared.add(node.id.name);
    }
  }
  return { declared, counts };
}

/** Where `node` is relative to `root`: outside it, inside but not reached by visitValues(root), or reached. */
function placeIn(index: NodeIndex, node: Node, root: Node): 'outside' | 'type' | 'value' {
  if (!isInside(index, node, root)) return 'outside';
  return reachedByValueWalk(index, node, root) ? 'value' : 'type';
}

/**
 * Would visitValues(root) reach `node`? Answered from the index's parent links, so a rule can
 * take the nodes of one type from the index instead of walking the tree.
 */
export function reachedByValueWalk(index: NodeIndex, node: Node, root: Node): boolean {
  for (let cur = node; cur !== root;) {
    const parent = index.parent(cur);
    if (!parent || !isValueNode(cur) || !isValueChild(parent, cur)) return false;
    cur = parent;
  }
  return true;
}

/** Is `child` held by one of `parent`'s keys that visitValues enters? */
function isValueChild(parent: Node, child: Node): boolean {
  const holder = parent as unknown as Record<string, unknown>;
  if (VALUE_WRAPPERS.has(parent.type)) return holder.expression === child || holder.parameter === child;
  // TYPE_ONLY_KEYS, spelled out: this runs for every step up from a node
  return holder.typeAnnotation !== child && holder.typeParameters !== child && holder.returnType !== child &&
    holder.superTypeParameters !== child && !(Array.isArray(holder.implements) && holder.implements.includes(child));
}

// isValueChild spells these out too
const TYPE_ONLY_KEYS = new Set(['typeAnnotation', 'typeParameters', 'returnType', 'superTypeParameters', 'implements']);

/** Is `node` a value reference (not a property key, not a declaration id, not a type)? */
export function isReference(node: Node, parent: Node | undefined): boolean {
  if (node.type !== 'Identifier' || !parent) return node.type === 'Identifier';
  if (isPropertyKey(node, parent)) return false;
  if (parent.type === 'ObjectProperty' && parent.shorthand && parent.value === node) return true;
  return true;
}

/**
 * Identifiers read inside `root` that `root` does not declare itself, each with its node.
 * Type annotations are skipped (they are erased).
 */
export function freeReferences(root: Node): Array<{ name: string; node: Node; parent: Node | undefined }> {
  const own = declaredNames(root);
  const out: Array<{ name: string; node: Node; parent: Node | undefined }> = [];
  visitValues(root, (node, parent) => {
    if (node.type === 'Identifier' && isReference(node, parent) && !own.has(node.name) && !isDeclarationId(node, parent)) {
      out.push({ name: node.name, node, parent });
    }
  });
  return out;
}

function isDeclarationId(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return true;
  if (isFunction(parent) && (parent.params as Node[]).includes(node)) return true;
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ClassDeclaration') && parent.id === node) return true;
  return false;
}

const VALUE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSParameterProperty', 'TSExportAssignment']);

/** Like `visit`, but never enters type annotations or TS-only declarations. */
export function visitValues(root: Node, enter: (node: Node, parent: Node | undefined) => void): void {
  const walk = (node: Node, parent: Node | undefined) => {
    enter(node, parent);
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      if (TYPE_ONLY_KEYS.has(key)) continue;
      if (VALUE_WRAPPERS.has(node.type) && key !== 'expression' && key !== 'parameter') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (isValueNode(c)) walk(c, node);
      } else if (isValueNode(child)) walk(child, node);
    }
  };
  walk(root, undefined);
}

function isValueNode(x: unknown): x is Node {
  if (!x || typeof (x as Node).type !== 'string') return false;
  const type = (x as Node).type;
  return !type.startsWith('TS') || VALUE_WRAPPERS.has(type);
}
