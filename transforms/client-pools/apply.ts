// The client-pools transform: plan every family on the (recast) AST first, then rewrite.
import { reprintableDirectives } from '../analysis/add-import';
import type { TransformContext } from '../types';
import { applyDb } from './apply-db';
import { applySharedClients } from './apply-shared-clients';
import { applySdkClients } from './apply-sdk-clients';
import { PG, MYSQL } from './db-driver';
import { planDb } from './plan-db';
import { planSharedClients } from './plan-shared-clients';
import { MONGO, REDIS } from './shared-client-family';
import { planSdkClients } from './plan-sdk-clients';

export function applyClientPools(ctx: TransformContext): boolean {
  const sdk = planSdkClients(ctx.analysis);
  const db = planDb(ctx.analysis, [PG, MYSQL]);
  const shared = [planSharedClients(ctx.analysis, MONGO), planSharedClients(ctx.analysis, REDIS)];
  let changed = false;
  if (applySdkClients(ctx, sdk)) changed = true;
  if (applyDb(ctx, db)) changed = true;
  for (const plan of shared) if (applySharedClients(ctx, plan)) changed = true;
  // the module body was reprinted: keep `'use strict';` from gaining a second semicolon
  if (changed) reprintableDirectives(ctx.analysis.ast.program);
  return changed;
}
