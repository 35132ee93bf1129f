// One decision for rules and transform alike: the findings of every shared-state rule, each
// carrying its rewrite exactly when the transform will rewrite it.
import type { File as BabelFile } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations, moduleExports, resolveFunction, type HandlerInfo } from '../analysis/handlers';
import { buildModuleModel, type ModuleModel } from './module-model';
import { planCache } from './plan-cache';
import { planCounters } from './plan-counter';
import { planEnv } from './plan-env';
import { planLibraryGlobals } from './plan-library';
import { planMiddleware } from './plan-middleware';
import { planRmw } from './plan-rmw';
import { planModuleState } from './plan-state';
import type { PlannedFinding } from './types';

export interface PlanInput {
  file: string;
  ast: BabelFile;
  handlers: HandlerInfo[];
}

const cache = new WeakMap<BabelFile, PlannedFinding[]>();

export function planSharedState(input: PlanInput): PlannedFinding[] {
  const cached = cache.get(input.ast);
  if (cached) return cached;
  const roots = input.handlers.length ? input.handlers : exportedFunctions(input.ast);
  const model = buildModuleModel(input.ast, roots, input.handlers.length === 0);
  const typescript = /\.[cm]?tsx?$/.test(input.file);
  let findings = [
    ...planRmw(model),
    ...planCounters(model),
    ...planModuleState(model, typescript),
    ...planEnv(model),
    ...planMiddleware(model, typescript),
    ...planCache(model),
    ...planLibraryGlobals(model),
  ];
  // a helper module (no handler of its own): report its state, never rewrite it here
  if (input.handlers.length === 0) findings = findings.map(({ rewrite: _dropped, ...rest }) => rest);
  cache.set(input.ast, findings);
  return findings;
}

/** In a module without a handler, its exported functions are what handlers call per request. */
function exportedFunctions(ast: BabelFile): HandlerInfo[] {
  const decls = moduleDeclarations(ast);
  const out: HandlerInfo[] = [];
  for (const [exportName, value, exportNode] of moduleExports(ast)) {
    const v = unwrapExpression(value);
    const found = isFunction(v) ? { fn: v, wrappers: [] } : resolveFunction(value, decls);
    if (found) out.push({ exportName, fn: found.fn, wrappers: found.wrappers, exportNode });
  }
  return out;
}

export type { ModuleModel };
