// One decision for rules and transform alike: the findings of every shared-state rule, each
// carrying its rewrite exactly when the transform will rewrite it. Per file, the module model is
// built at most once and each rule's plan runs at most once (a rule asks only for its own part).
import { memoOn } from '../analysis/memo';
import type { File as BabelFile } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations, moduleExports, resolveFunction, type HandlerInfo } from '../analysis/handlers';
import { indexNodes, type NodeIndex } from '../analysis/walk';
import { mayReport, moduleShape } from './gates';
import { buildModuleModel, type ModuleModel } from './module-model';
import { planCache } from './plan-cache';
import { planCounters } from './plan-counter';
import { planEnv } from './plan-env';
import { planLibraryGlobals } from './plan-library';
import { planMiddleware } from './plan-middleware';
import { planRmw } from './plan-rmw';
import { planModuleState } from './plan-state';
import type { PlannedFinding, SharedStateRule } from './types';

export interface PlanInput {
  file: string;
  ast: BabelFile;
  handlers: HandlerInfo[];
  /** the source text, when known: lets a plan rule itself out by a token before looking at the tree */
  source?: string;
  /**
   * the file's own analysis of `ast`, when there is one: its node index is then shared with the
   * other rules instead of being built again (it is lazy, so a plan that an early exit rules out
   * never asks for it)
   */
  analysis?: { readonly index: NodeIndex };
}

/** The order the transform runs the rewrites in. */
export const PLAN_ORDER: SharedStateRule[] = [
  'rmw-across-await',
  'module-counter',
  'module-state-per-request',
  'process-env-mutation',
  'middleware-closure-state',
  'unbounded-module-cache',
  'library-global-mutation',
];

export const PLANS: Record<SharedStateRule, (model: ModuleModel, typescript: boolean) => PlannedFinding[]> = {
  'rmw-across-await': (m) => planRmw(m),
  'module-counter': (m) => planCounters(m),
  'module-state-per-request': planModuleState,
  'process-env-mutation': (m) => planEnv(m),
  'middleware-closure-state': planMiddleware,
  'unbounded-module-cache': (m) => planCache(m),
  'library-global-mutation': (m) => planLibraryGlobals(m),
};

/** The rules whose plans decide their own rewrites in a helper module (model.helperModule). */
export const HELPER_MODULE_REWRITES: ReadonlySet<SharedStateRule> = new Set(['rmw-across-await', 'module-counter', 'module-state-per-request']);

interface FilePlans {
  /** the functions that run per request: the handlers, else the exported functions (computed when first needed) */
  roots: HandlerInfo[] | null;
  index: NodeIndex | null;
  model: ModuleModel | null;
  byRule: Map<SharedStateRule, PlannedFinding[]>;
}

const FILE_PLANS = {};

/** Every shared-state finding of the file, in the order the transform rewrites them. */
export function planSharedState(input: PlanInput): PlannedFinding[] {
  return PLAN_ORDER.flatMap((rule) => planRule(input, rule));
}

/** The findings of one shared-state rule (the same entries planSharedState lists for it). */
export function planRule(input: PlanInput, rule: SharedStateRule): PlannedFinding[] {
  const plans = memoOn<FilePlans>(input.ast, FILE_PLANS, () => ({ roots: null, index: null, model: null, byRule: new Map() }));
  const done = plans.byRule.get(rule);
  if (done) return done;
  const p = plans;
  const roots = () => (p.roots ??= input.handlers.length ? input.handlers : exportedFunctions(input.ast));
  const index = () => (p.index ??= input.analysis?.index ?? indexNodes(input.ast));
  let findings: PlannedFinding[] = [];
  if (mayReport(rule, moduleShape(input.ast), () => roots().length > 0, index, input.source)) {
    p.model ??= buildModuleModel(input.ast, roots(), input.handlers.length === 0, index());
    findings = PLANS[rule](p.model, /\.[cm]?tsx?$/.test(input.file));
    // a helper module (no handler of its own): only the plans that gate their rewrites for one (a
    // fix local to a function body, no exported signature changed, no caller-supplied code run in
    // between: see reentry.ts) keep them; the others only report there
    if (input.handlers.length === 0 && !HELPER_MODULE_REWRITES.has(rule)) findings = findings.map(({ rewrite: _dropped, ...rest }) => rest);
  }
  p.byRule.set(rule, findings);
  return findings;
}

/** In a module without a handler, its exported functions are what handlers call per request. */
export function exportedFunctions(ast: BabelFile): HandlerInfo[] {
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
