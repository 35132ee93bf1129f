// The init-phase transform: plans on the recast AST, then rewrites what the plans call fixable.
import type { TransformContext } from '../types';
import { applyHeavyWork } from './apply-heavy-work';
import { planHeavyWork } from './plan-heavy-work';
import { applyLazyInit } from './apply-lazy-init';
import { planLazyInit } from './plan-lazy-init';
import { applyBlockingIo } from './apply-blocking-io';
import { planBlockingIo } from './plan-blocking-io';

export function applyInitPhase(ctx: TransformContext): boolean {
  // plan everything on the untouched tree, then rewrite
  const heavy = planHeavyWork(ctx.analysis);
  const lazy = planLazyInit(ctx.analysis);
  const blocking = planBlockingIo(ctx.analysis, heavy);
  let changed = applyLazyInit(ctx, lazy);
  changed = applyHeavyWork(ctx, heavy) || changed;
  changed = applyBlockingIo(ctx, blocking) || changed;
  return changed;
}
