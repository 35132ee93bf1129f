// The client-pools transform: plan every family on the (recast) AST first, then rewrite.
import type { TransformContext } from '../types';
import { applySdkClients } from './apply-sdk-clients';
import { planSdkClients } from './plan-sdk-clients';

export function applyClientPools(ctx: TransformContext): boolean {
  if (ctx.analysis.handlers.length === 0) return false;
  const sdk = planSdkClients(ctx.analysis);
  let changed = false;
  if (applySdkClients(ctx, sdk)) changed = true;
  return changed;
}
