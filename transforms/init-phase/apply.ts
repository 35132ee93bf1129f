// The init-phase transform: plans on the recast AST, then rewrites what the plans call fixable.
import type { TransformContext } from '../types';
import { applyHeavyWork } from './apply-heavy-work';
import { planHeavyWork } from './plan-heavy-work';

export function applyInitPhase(ctx: TransformContext): boolean {
  const heavy = planHeavyWork(ctx.analysis);
  let changed = false;
  changed = applyHeavyWork(ctx, heavy) || changed;
  return changed;
}
