// The init-phase rules. Each calls the same plan as the transform, so `fixable: true` means
// exactly "the init-phase transform rewrites this".
import { APPCONFIG_TOKENS } from './appconfig';
import type { Rule, RuleReport } from '../types';
import { planHeavyWork } from './plan-heavy-work';
import { planLazyInit } from './plan-lazy-init';
import { planBlockingIo } from './plan-blocking-io';
import { planInitSideEffects } from './plan-init-side-effects';
import type { PlanReport } from './reports';

/** 'ab' → ['ab', 'aB', 'Ab', 'AB']: a case-insensitive match as exact substring tokens. */
function everyCasing(word: string): string[] {
  let out = [''];
  for (const ch of word) out = out.flatMap((p) => [p + ch.toLowerCase(), p + ch.toUpperCase()]);
  return out;
}

const toReports = (reports: PlanReport[]): RuleReport[] => reports.map((r) => ({ ...r }));

export const heavyWorkInHandler: Rule = {
  id: 'heavy-work-in-handler',
  title: 'Invocation-independent heavy work runs in the handler',
  severity: 'warning',
  docs: 'heavy-work-in-handler',
  fixedBy: 'init-phase',
  // every heavy call it recognizes spells one of these
  needs: ['readFile', 'require', 'import', 'GetSecretValue', 'getSecretValue', 'GetParameter', 'getParameter', 'fetch', 'compile', 'addSchema', 'Ajv', 'ajv', 'Model', 'InferenceSession', ...APPCONFIG_TOKENS],
  check: (ctx) => toReports(planHeavyWork(ctx.analysis).reports),
};

export const lazyInitRace: Rule = {
  id: 'lazy-init-race',
  title: 'Lazy async init races between concurrent requests',
  severity: 'warning',
  docs: 'lazy-init-race',
  fixedBy: 'init-phase',
  // a race needs an await between the check and the store
  needs: ['await'],
  check: (ctx) => toReports(planLazyInit(ctx.analysis).reports),
};

export const blockingSyncIo: Rule = {
  id: 'blocking-sync-io',
  title: 'Blocking *Sync call in a handler stalls the worker',
  severity: 'warning',
  docs: 'blocking-sync-io',
  fixedBy: 'init-phase',
  // every call it looks for ends in Sync; CPU loops are `for` loops
  needs: ['Sync', 'for'],
  // it looks inside handlers only
  handlerFilesOnly: true,
  check: (ctx) => toReports(planBlockingIo(ctx.analysis, planHeavyWork(ctx.analysis)).reports),
};

export const perWorkerInitSideEffect: Rule = {
  id: 'per-worker-init-side-effect',
  title: 'Init side effect now runs once per worker thread',
  severity: 'warning',
  docs: 'per-worker-init-side-effect',
  // listen(), *migrat* (any case: the name test ignores case), sequelize.sync(), the 'wx' flag
  needs: ['listen', 'sync', 'wx', ...everyCasing('igrat')],
  // `needs` has 'sync' for sequelize.sync(), which every `async` matches; the finer exact test
  // spares most files the node index: that branch also needs a base identifier named *sequelize*
  check: (ctx) => (MAY_HAVE_SIDE_EFFECT.test(ctx.source) ? toReports(planInitSideEffects(ctx.analysis)) : []),
};

const MAY_HAVE_SIDE_EFFECT = /listen|wx|igrat|sequelize/i;

export const INIT_PHASE_RULES: Rule[] = [heavyWorkInHandler, lazyInitRace, blockingSyncIo, perWorkerInitSideEffect];
