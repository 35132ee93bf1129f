// The one list of transforms and rules. Help text, `list`, reports and docs links all come
// from this metadata; nothing else names a rule or transform.
import type { ConfigRule, Rule, RuleMeta, TransformModule } from './types';
import { tmpPaths } from './tmp-paths';
import { tmpFixedPath, tmpSharedCache } from './tmp-paths/rules';
import { clientPools } from './client-pools';
import { CLIENT_POOLS_RULES } from './client-pools/rules';
import { asyncHandler } from './async-handler';
import { ASYNC_HANDLER_RULES } from './async-handler/rules';
import { REPORT_ONLY_RULES } from './rules';
import { CONFIG_FILE_RULES } from './config';
import { initPhase } from './init-phase';
import { INIT_PHASE_RULES } from './init-phase/rules';
import { sharedState } from './shared-state';
import { SHARED_STATE_RULES } from './shared-state/rules';

/** In the order the full migration applies them. */
export const TRANSFORMS: TransformModule[] = [asyncHandler, clientPools, initPhase, tmpPaths, sharedState];

/** Rules that read JS/TS sources. */
export const RULES: Rule[] = [...ASYNC_HANDLER_RULES, ...REPORT_ONLY_RULES, ...CLIENT_POOLS_RULES, ...INIT_PHASE_RULES, tmpFixedPath, tmpSharedCache, ...SHARED_STATE_RULES];

/** Rules that read project files (templates, package.json). */
export const CONFIG_RULES: ConfigRule[] = [...CONFIG_FILE_RULES];

/**
 * One entry per rule id. A rule may check both sources and project files (runtime-version reads
 * templates and CDK code): those checkers share one id and one metadata.
 */
export function ruleMetadata(): RuleMeta[] {
  const seen = new Map<string, RuleMeta>();
  for (const r of [...RULES, ...CONFIG_RULES]) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function findTransform(id: string): TransformModule | undefined {
  return TRANSFORMS.find((t) => t.meta.id === id);
}

export function findRule(id: string): Rule | ConfigRule | undefined {
  return [...RULES, ...CONFIG_RULES].find((r) => r.id === id);
}

/** The rules a transform fixes (their findings decide which files it is run on). */
export function rulesFixedBy(transformId: string): string[] {
  return findTransform(transformId)?.meta.fixes ?? [];
}
