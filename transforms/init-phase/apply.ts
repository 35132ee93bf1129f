// The init-phase transform: plans on the recast AST, then rewrites what the plans call fixable.
import type { TransformContext } from '../types';
import { applyHeavyWork } from './apply-heavy-work';
import { planHeavyWork } from './plan-heavy-work';
import { applyLazyInit } from './apply-lazy-init';
import { planLazyInit } from './plan-lazy-init';

export function applyInitPhase(ctx: TransformContext): boolean {
  // plan everything on the untouched tree, then rewrite
  const heavy = planHeavyWork(ctx.analysis);
  const lazy = planLazyInit(ctx.analysis);
  let changed = applyLazyInit(ctx, lazy);
  changed = applyHeavyWork(ctx, heavy) || changed;
  return changed;
}
