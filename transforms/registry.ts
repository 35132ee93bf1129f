// The one list of transforms and rules. Help text, `list`, reports and docs links all come
// from this metadata; nothing else names a rule or transform.
import type { ConfigRule, Rule, TransformModule } from './types';
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

/** In the order the full migration applies them. */
export const TRANSFORMS: TransformModule[] = [asyncHandler, clientPools, initPhase, tmpPaths];

/** Rules that read JS/TS sources. */
export const RULES: Rule[] = [...ASYNC_HANDLER_RULES, ...REPORT_ONLY_RULES, ...CLIENT_POOLS_RULES, ...INIT_PHASE_RULES, tmpFixedPath, tmpSharedCache];

/** Rules that read project files (templates, package.json). */
export const CONFIG_RULES: ConfigRule[] = [...CONFIG_FILE_RULES];

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
