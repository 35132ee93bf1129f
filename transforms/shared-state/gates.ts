// Exact early exits for the shared-state plans, from one pass over the module's top-level
// statements: most modules declare no `let`/`var` and no container constant, and then most plans
// cannot report, so the module model (scope analysis, the costly part) is never built for them.
import type { File as BabelFile, Node } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import type { SharedStateRule } from './types';

export interface ModuleShape {
  /** a module-level `let` or `var` declaration */
  letOrVar: boolean;
  /** a module-level `let`, `var` or `const` declaration */
  variable: boolean;
  /** a module-level `const x = [] | {} | new … | call()`: the only constants a plan may report */
  containerConst: boolean;
}

const shapes = new WeakMap<BabelFile, ModuleShape>();

const CONTAINER_INITS = new Set(['ArrayExpression', 'ObjectExpression', 'NewExpression', 'CallExpression']);

export function moduleShape(ast: BabelFile): ModuleShape {
  const cached = shapes.get(ast);
  if (cached) return cached;
  const shape: ModuleShape = { letOrVar: false, variable: false, containerConst: false };
  for (const stmt of ast.program.body) {
    // the same statements the module model declares bindings for (declareBindings)
    const decl = (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt) as Node | null | undefined;
    if (decl?.type !== 'VariableDeclaration') continue;
    if (decl.kind === 'let' || decl.kind === 'var') shape.letOrVar = shape.variable = true;
    if (decl.kind !== 'const') continue;
    shape.variable = true;
    for (const d of decl.declarations) {
      const init = unwrapExpression(d.init);
      if (d.id.type === 'Identifier' && init && CONTAINER_INITS.has(init.type)) shape.containerConst = true;
    }
  }
  shapes.set(ast, shape);
  return shape;
}

/**
 * False when the plan of `rule` provably finds nothing (see each plan's first checks):
 * - every plan but middleware reports only code in a per-request function: none without roots;
 * - rmw-across-await looks only at module `let`/`var`/`const` bindings;
 * - module-counter only at `let`/`var` counters;
 * - module-state-per-request at `let`/`var`, or a `const` holding an array, Map/Set or object;
 * - unbounded-module-cache at a `const` holding a Map, `{}` or `Object.create(…)`;
 * - process-env-mutation only where `process.env.X` is assigned, updated or deleted.
 */
export function mayReport(rule: SharedStateRule, shape: ModuleShape, hasRoots: boolean, index: () => NodeIndex): boolean {
  if (rule === 'middleware-closure-state') return true;
  if (!hasRoots) return false;
  switch (rule) {
    case 'rmw-across-await':
      return shape.variable;
    case 'module-counter':
      return shape.letOrVar;
    case 'module-state-per-request':
      return shape.letOrVar || shape.containerConst;
    case 'unbounded-module-cache':
      return shape.containerConst;
    case 'process-env-mutation':
      return writesProcessEnv(index());
    default:
      return true;
  }
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
