// Exact early exits for the shared-state plans, from one pass over the module's top-level
// statements (and, for two plans, the shared node index): most modules declare no `let`/`var`
// and no container constant, and then the plans cannot report, so the module model (scope
// analysis, the costly part) is never built for them. Each test below is implied by what the
// plan itself requires before it reports anything.
import { memoOn } from '../analysis/memo';
import type { File as BabelFile, Node } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import { isCacheInit } from './plan-cache';
import { memberPath } from './plan-library';
import { isConstantValue } from './facts';
import { containerInit, mentionsAny } from './plan-state';
import { patternNames } from './patterns';
import type { SharedStateRule } from './types';

export interface ModuleShape {
  /** names of the module-level `let`/`var`/`const` bindings */
  variables: Set<string>;
  /** names of the module-level `let`/`var` bindings */
  letOrVarNames: Set<string>;
  /** names of the module-level `const x = [] | new Map() | new Set() | { … }` */
  stateConstNames: Set<string>;
  /** a module-level `let` or `var` declaration */
  letOrVar: boolean;
  /** `let`/`var x = <number>`: a counter candidate (isCounter) */
  numericLetOrVar: boolean;
  /** `const x = [] | new Map() | new Set() | { … }`: state the module-state plan may report (stateKind) */
  stateConst: boolean;
  /** `const x = new Map(…) | {} | Object.create(…)`: a cache candidate (planCache) */
  cacheConst: boolean;
  /** `const|let|var x = new C(…)` or an exported `new C(…)`: an instance whose `this` state the module-state plan may report (planInstanceState) */
  instance: boolean;
}

const SHAPE = {};

export function moduleShape(ast: BabelFile): ModuleShape {
  return memoOn(ast, SHAPE, () => computeShape(ast));
}

function computeShape(ast: BabelFile): ModuleShape {
  const shape: ModuleShape = { variables: new Set(), letOrVarNames: new Set(), stateConstNames: new Set(), letOrVar: false, numericLetOrVar: false, stateConst: false, cacheConst: false, instance: false };
  for (const stmt of ast.program.body) {
    // `module.exports = new C()`, `exports.x = new C()`, `export default new C()`: exported instances
    const exportedValue = stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression' ? stmt.expression.right
      : stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : null;
    const value = unwrapExpression(exportedValue as Node | null);
    if (value?.type === 'NewExpression') shape.instance = true;
    // `module.exports = { service: new C() }`
    if (value?.type === 'ObjectExpression' && value.properties.some((p) => p.type === 'ObjectProperty' && unwrapExpression(p.value as Node)?.type === 'NewExpression')) shape.instance = true;
    // the same statements the module model declares bindings for (declareBindings)
    const decl = (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt) as Node | null | undefined;
    if (decl?.type !== 'VariableDeclaration') continue;
    const mutable = decl.kind === 'let' || decl.kind === 'var';
    if (!mutable && decl.kind !== 'const') continue;
    if (mutable) shape.letOrVar = true;
    for (const d of decl.declarations) {
      for (const name of patternNames(d.id)) {
        shape.variables.add(name);
        if (mutable) shape.letOrVarNames.add(name);
      }
      // the model keeps an initializer only for `x = …` (a pattern's bindings have none)
      if (d.id.type !== 'Identifier') continue;
      const init = unwrapExpression(d.init);
      if (mutable && init?.type === 'NumericLiteral') shape.numericLetOrVar = true;
      if (!mutable && (containerInit(d.init) || init?.type === 'ObjectExpression')) {
        shape.stateConst = true;
        shape.stateConstNames.add(d.id.name);
      }
      if (!mutable && isCacheInit(d.init)) shape.cacheConst = true;
      if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') shape.instance = true;
    }
  }
  return shape;
}

/**
 * False when the plan of `rule` provably finds nothing:
 * - every plan but middleware reports only code in a per-request function: none without roots;
 * - module-counter looks only at `let`/`var` counters;
 * - module-state-per-request at `let`/`var`, or a `const` holding `[]`, a new Map/Set or an object,
 *   written the way stateKind requires (see mayHoldRequestState); or, with or without roots (an
 *   exported `h.m.bind(h)` is an entry too), at a module `new C(…)` whose class writes `this.p`;
 * - unbounded-module-cache at a `const` holding a Map, `{}` or `Object.create(…)`;
 * - rmw-across-await at an update or a snapshot of a module variable (see mayRmw);
 * - process-env-mutation only where `process.env.X` is assigned, updated or deleted;
 * - library-global-mutation only at the assignments and calls changesLibraryGlobal looks for.
 */
export function mayReport(rule: SharedStateRule, shape: ModuleShape, hasRoots: () => boolean, index: () => NodeIndex, source?: string): boolean {
  switch (rule) {
    case 'middleware-closure-state':
      return true;
    case 'rmw-across-await':
      return shape.variables.size > 0 && hasRoots() && mayRmw(shape.variables, index());
    case 'module-counter':
      return shape.numericLetOrVar && hasRoots();
    case 'module-state-per-request':
      return ((shape.letOrVar || shape.stateConst) && hasRoots() && mayHoldRequestState(shape, index())) ||
        (shape.instance && writesThisProperty(index()));
    case 'unbounded-module-cache':
      return shape.cacheConst && hasRoots();
    case 'process-env-mutation':
      // `process.env` spells `env` unless the name is escaped (`\u0065nv`)
      if (source !== undefined && !source.includes('env') && !source.includes('\\u')) return false;
      return hasRoots() && writesProcessEnv(index());
    case 'library-global-mutation':
      return hasRoots() && changesLibraryGlobal(index());
    default:
      return hasRoots();
  }
}

/** planLibraryGlobals' shapes: `a.defaults… =`, `a.config.x… =`, `a.changeLanguage()`, `a.middlewareStack.add()`. */
function changesLibraryGlobal(index: NodeIndex): boolean {
  for (const a of index.ofType('AssignmentExpression')) {
    const path = memberPath(a.left as Node);
    if (path && (path[1] === 'defaults' || (path[1] === 'config' && path.length > 2))) return true;
  }
  for (const c of index.ofType('CallExpression')) {
    const path = memberPath(c.callee as Node);
    if (path && ((path.length === 2 && path[1] === 'changeLanguage') || (path.length === 3 && path[1] === 'middlewareStack'))) return true;
  }
  return false;
}

/** The identifier a member chain `x.a.b` is rooted at (through `.object` only), else null. */
function chainRoot(node: Node | null | undefined): string | null {
  let n = node;
  while (n?.type === 'MemberExpression') n = n.object;
  return n?.type === 'Identifier' ? n.name : null;
}

/**
 * What planRmw needs, by name (so shadowed names only make it say yes more often):
 * an update `x op= …` / `x = <binary>` of a module variable or a property of one (planUpdate), or
 * a `let`/`const v = x | x.k | x.get(k)` (optionally `?? c` / `|| c`) snapshot of one (planSnapshot;
 * never a call of the binding itself).
 */
function mayRmw(variables: Set<string>, index: NodeIndex): boolean {
  for (const a of index.ofType('AssignmentExpression')) {
    if (a.operator === '=' && unwrapExpression(a.right)?.type !== 'BinaryExpression') continue;
    const root = chainRoot(a.left as Node);
    if (root && variables.has(root)) return true;
  }
  for (const d of index.ofType('VariableDeclarator')) {
    let init = d.init as Node | null | undefined;
    if (!init || d.id.type !== 'Identifier') continue;
    if (init.type === 'LogicalExpression') init = init.left;
    if (init.type === 'CallExpression') {
      // the only call a snapshot reads through is `x.get(k)`: `const v = readFileSync(…)` is none
      init = init.callee as Node;
      if (init.type !== 'MemberExpression') continue;
    }
    if (init.type === 'MemberExpression') init = init.object;
    if (init.type === 'Identifier' && variables.has(init.name)) return true;
  }
  return false;
}

/**
 * What stateKind needs, by name (shadowed names only make it say yes more often): a plain
 * `x = <not a constant>` of a module `let`/`var` that no `if (x…)` / `x ? … : …` / `x || …`
 * around it guards (a lazy initialisation), or `c.p = …` / a method call on a module `const`
 * holding an array, Map, Set or object (`c.length = 0`, `c.clear()`, `c.field = v`).
 */
function mayHoldRequestState(shape: ModuleShape, index: NodeIndex): boolean {
  for (const a of index.ofType('AssignmentExpression')) {
    if (a.operator !== '=') continue;
    const left = a.left as Node;
    if (left.type === 'Identifier' && shape.letOrVarNames.has(left.name) && !isConstantValue(a.right) && !guardedByName(a, left.name, index)) return true;
    if (left.type === 'MemberExpression' && left.object.type === 'Identifier' && shape.stateConstNames.has(left.object.name)) return true;
  }
  if (shape.stateConstNames.size === 0) return false;
  for (const c of index.ofType('CallExpression')) {
    const callee = c.callee as Node;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && shape.stateConstNames.has(callee.object.name)) return true;
  }
  return false;
}

/** The same climb as plan-state's guardedBy, from the assignment up to its function. */
function guardedByName(assign: Node, name: string, index: NodeIndex): boolean {
  const names = new Set([name]);
  for (let n: Node | undefined = assign; n && !isFunction(n); n = index.parent(n)) {
    if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && mentionsAny(n.test, names)) return true;
    if (n.type === 'LogicalExpression' && mentionsAny(n.left, names)) return true;
  }
  return false;
}

/** `this.p = …` somewhere (planInstanceState reports only such writes). */
function writesThisProperty(index: NodeIndex): boolean {
  for (const a of index.ofType('AssignmentExpression')) {
    const left = a.left as Node;
    if (left.type === 'MemberExpression' && left.object.type === 'ThisExpression') return true;
  }
  return false;
}

/** `process.env.X = …`, `process.env.X += …`, `process.env.X++`, `delete process.env.X` somewhere (planEnv's writes). */
function writesProcessEnv(index: NodeIndex): boolean {
  for (const m of index.ofType('MemberExpression')) {
    if (m.object.type !== 'Identifier' || m.object.name !== 'process' || m.computed || m.property.type !== 'Identifier' || m.property.name !== 'env') continue;
    const outer = index.parent(m);
    if (outer?.type !== 'MemberExpression' || outer.object !== m) continue;
    const use = index.parent(outer);
    if (use?.type === 'AssignmentExpression' && use.left === outer) return true;
    if (use?.type === 'UpdateExpression' || (use?.type === 'UnaryExpression' && use.operator === 'delete')) return true;
  }
  return false;
}
