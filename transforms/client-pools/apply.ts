// The client-pools transform: plan every family on the (recast) AST first, then rewrite.
import type { TransformContext } from '../types';
import { applyDb } from './apply-db';
import { applyMongo } from './apply-mongo';
import { applySdkClients } from './apply-sdk-clients';
import { PG, MYSQL } from './db-driver';
import { planDb } from './plan-db';
import { planMongo } from './plan-mongo';
import { planSdkClients } from './plan-sdk-clients';

export function applyClientPools(ctx: TransformContext): boolean {
  const sdk = planSdkClients(ctx.analysis);
  const db = planDb(ctx.analysis, [PG, MYSQL]);
  const mongo = planMongo(ctx.analysis);
  let changed = false;
  if (applySdkClients(ctx, sdk)) changed = true;
  if (applyDb(ctx, db)) changed = true;
  if (applyMongo(ctx, mongo)) changed = true;
  return changed;
}
