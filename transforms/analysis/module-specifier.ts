// Module specifiers compared the way Node resolves them: 'node:fs' and 'fs' name the same module,
// and a file's habit (prefix or not) decides how a new import of a builtin is spelled.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** 'fs' / 'node:fs' / 'fs/promises' → true; 'node:test' (prefix-only builtin) → true. */
export function isNodeBuiltin(source: string): boolean {
  return source.startsWith('node:') || BUILTINS.has(source);
}

/** The comparison key of a specifier: builtins without the `node:` prefix, others as written. */
export function moduleKey(source: string): string {
  if (source.startsWith('node:')) return source.slice(5);
  return source;
}

export function sameModule(a: string, b: string): boolean {
  return moduleKey(a) === moduleKey(b);
}

export type PrefixHabit = 'node:' | 'bare';

/** 'node:' when any builtin is imported with the prefix, 'bare' when only without, else 'node:'. */
export function prefixHabit(sources: Iterable<string>): PrefixHabit {
  let bare = false;
  for (const s of sources) {
    if (s.startsWith('node:')) return 'node:';
    if (BUILTINS.has(s)) bare = true;
  }
  return bare ? 'bare' : 'node:';
}

/** How a new import of `source` is spelled in a file with this habit. */
export function spellSpecifier(source: string, habit: PrefixHabit): string {
  const key = moduleKey(source);
  if (!isNodeBuiltin(source)) return source;
  // prefix-only builtins (node:test, node:sqlite, node:sea) must keep the prefix
  if (!BUILTINS.has(key)) return `node:${key}`;
  return habit === 'bare' ? key : `node:${key}`;
}

/** `fs/promises` is also reachable as the `promises` export of `fs` (likewise dns, stream, timers). */
export function promisesParent(source: string): string | null {
  const m = /^(fs|dns|stream|timers)\/promises$/.exec(moduleKey(source));
  return m ? m[1] : null;
}
