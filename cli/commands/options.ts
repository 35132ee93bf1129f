// Option handling shared by the commands: validation with clear usage errors.
import { CONFIG_RULES, RULES, TRANSFORMS, findTransform, ruleMetadata } from '../../transforms/registry';
import type { ConfigRule, Rule, TransformModule } from '../../transforms/types';
import { UsageError, type ParsedOptions } from '../io';

export type Format = 'pretty' | 'json' | 'sarif' | 'markdown';

export function formatOf<F extends Format = 'pretty' | 'json'>(values: ParsedOptions, allowed: readonly F[] = ['pretty', 'json'] as F[]): F {
  const format = (values.format ?? 'pretty') as F;
  if (!allowed.includes(format)) throw new UsageError(`unknown --format "${format}"; valid: ${allowed.join(', ')}`);
  return format;
}

export function maxWarningsOf(values: ParsedOptions): number | undefined {
  const raw = values['max-warnings'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--max-warnings needs a whole number, got "${String(raw)}"`);
  }
  return n;
}

export function extensionsOf(values: ParsedOptions): string[] | undefined {
  if (!values.extensions) return undefined;
  const list = values.extensions.split(',').map((e) => e.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--extensions needs at least one extension, e.g. --extensions .js,.ts');
  return list;
}

export function selectRules(ids: string[] | undefined): { rules: Rule[]; configRules: ConfigRule[] } {
  if (!ids?.length) return { rules: RULES, configRules: CONFIG_RULES };
  const known = ruleMetadata().map((r) => r.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new UsageError(`unknown rule id ${unknown.map((u) => `"${u}"`).join(', ')}; valid ids:\n  ${known.join('\n  ')}`);
  return { rules: RULES.filter((r) => ids.includes(r.id)), configRules: CONFIG_RULES.filter((r) => ids.includes(r.id)) };
}

export function selectTransforms(ids: string[] | undefined): TransformModule[] {
  if (!ids?.length) return TRANSFORMS;
  for (const id of ids) requireTransform(id);
  // registry order, whatever the order on the command line
  return TRANSFORMS.filter((t) => ids.includes(t.meta.id));
}

export function requireTransform(id: string | undefined): TransformModule {
  const valid = TRANSFORMS.map((t) => t.meta.id).join('\n  ');
  if (!id) throw new UsageError(`apply needs a transform id; valid ids:\n  ${valid}`);
  const t = findTransform(id);
  if (!t) throw new UsageError(`unknown transform id "${id}"; valid ids:\n  ${valid}`);
  return t;
}

export function jobsOf(values: ParsedOptions): number | undefined {
  const raw = values.jobs;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d*$/.test(raw)) throw new UsageError(`--jobs needs a whole number of at least 1, got "${String(raw)}"`);
  return Number(raw);
}
