// The two rules of tmp-paths. Both read the shared plan, so `fixable` means "the transform rewrites it".
import { memoOn } from '../analysis/memo';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { Rule, RuleReport } from '../types';
import { NEEDS, planTmpPaths } from './plan';
import { CACHE_RULE, FIXED_RULE } from './rule-ids';

// One plan per analysed file, shared by both rules.
const TMP_PLAN = {};

function reports(analysis: FileAnalysis, rule: string): RuleReport[] {
  const plan = memoOn(analysis, TMP_PLAN, () => planTmpPaths(analysis));
  return plan.findings
    .filter((f) => f.rule === rule)
    .map((f) => ({ node: f.node, message: f.message, hint: f.hint, fixable: f.fixable }));
}

export const tmpFixedPath: Rule = {
  id: FIXED_RULE,
  title: 'Fixed path in the shared /tmp',
  severity: 'error',
  docs: FIXED_RULE,
  fixedBy: 'tmp-paths',
  needs: NEEDS,
  check: (ctx) => reports(ctx.analysis, FIXED_RULE),
};

export const tmpSharedCache: Rule = {
  id: CACHE_RULE,
  title: 'Download-once cache in /tmp written in place',
  severity: 'warning',
  docs: CACHE_RULE,
  fixedBy: 'tmp-paths',
  needs: NEEDS,
  check: (ctx) => reports(ctx.analysis, CACHE_RULE),
};
