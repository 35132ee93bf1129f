// The shared-state rules: each reports its part of the one plan (see plan.ts), so `fixable`
// means exactly "the shared-state transform rewrites this spot".
import type { Rule, Severity } from '../types';
import { planRule } from './plan';
import type { SharedStateRule } from './types';

interface RuleSpec {
  id: SharedStateRule;
  title: string;
  severity: Severity;
  fixable: boolean;
  /** exact pre-filter: every finding of the rule needs one of these in the source */
  needs: string[];
}

const SPECS: RuleSpec[] = [
  { id: 'module-state-per-request', title: 'Module-level state written per request', severity: 'error', fixable: true, needs: ['let', 'var', 'const', 'new'] },
  { id: 'rmw-across-await', title: 'Read-modify-write across an await', severity: 'error', fixable: true, needs: ['await'] },
  { id: 'module-counter', title: 'Module counter read back after an await', severity: 'warning', fixable: true, needs: ['++', '--', '+=', '-='] },
  { id: 'unbounded-module-cache', title: 'Module Map cache keyed by request data', severity: 'warning', fixable: false, needs: ['Map', '{', 'Object.create'] },
  { id: 'process-env-mutation', title: 'process.env written per request', severity: 'error', fixable: true, needs: ['process'] },
  { id: 'middleware-closure-state', title: 'Middleware keeps per-request data in closure variables', severity: 'error', fixable: true, needs: ['before', 'after', 'onError'] },
  { id: 'library-global-mutation', title: 'Per-request writes to library globals', severity: 'error', fixable: false, needs: ['axios', 'i18next', 'middlewareStack', 'config'] },
];

function makeRule(spec: RuleSpec): Rule {
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    docs: spec.id,
    ...(spec.fixable ? { fixedBy: 'shared-state' } : {}),
    needs: spec.needs,
    // in a helper module (no handler of its own), findings name the handler files that reach it
    namesReachingHandlers: true,
    check(ctx) {
      const plan = planRule({ file: ctx.file, ast: ctx.ast, handlers: ctx.analysis.handlers, source: ctx.source, analysis: ctx.analysis }, spec.id);
      return plan.map((f) => ({ node: f.node, message: f.message, hint: f.hint, fixable: !!f.rewrite, ...(f.severity ? { severity: f.severity } : {}) }));
    },
  };
}

export const SHARED_STATE_RULES: Rule[] = SPECS.map(makeRule);
