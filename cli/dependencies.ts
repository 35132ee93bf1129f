// Packages that generated code imports must be in the nearest package.json. Transforms cannot
// touch package.json (they see one file), so the pipeline plans that change next to the others:
// it is reviewed, written and reported like any file change.
import { readFileSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { PlannedChange } from './parallel/tasks';
import { unifiedDiff } from './parallel/tasks';

/** Packages the transforms may add imports of, with the version range to depend on. */
export const GENERATED_DEPENDENCIES: Record<string, { range: string; transform: string }> = {
  'async-mutex': { range: '^0.5.0', transform: 'shared-state' },
};

function importsPackage(source: string, pkg: string): boolean {
  const quoted = `(['"])${pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`;
  return new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)${quoted}`).test(source);
}

/** The package.json closest above `file` among `candidates` (absolute paths). */
export function nearestPackageJson(file: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    const dir = dirname(c);
    if ((file.startsWith(dir + sep) || dirname(file) === dir) && (!best || dir.length > dirname(best).length)) best = c;
  }
  return best;
}

function detectIndent(text: string): string | number {
  const m = /^\{\r?\n([ \t]+)"/.exec(text);
  return m ? m[1] : 2;
}

/** package.json text with `pkg` added to "dependencies" (kept sorted when it was), or null if already there. */
export function withDependency(text: string, pkg: string, range: string): string | null {
  const json = JSON.parse(text) as Record<string, unknown>;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = json[field] as Record<string, string> | undefined;
    if (deps && pkg in deps) return null;
  }
  const deps = (json.dependencies as Record<string, string> | undefined) ?? {};
  const keys = Object.keys(deps);
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k) <= 0);
  const entries = [...Object.entries(deps), [pkg, range] as [string, string]];
  if (sorted) entries.sort((a, b) => a[0].localeCompare(b[0]));
  json.dependencies = Object.fromEntries(entries);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(json, null, detectIndent(text)).replace(/\n/g, newline);
  return out + (/\r?\n$/.test(text) ? newline : '');
}

/**
 * Planned package.json changes for the packages `changes` start importing. Only package.json files
 * inside the scanned paths are candidates (nothing outside them is written); a file whose nearest
 * package.json is outside is left to the finding's hint.
 */
export function planDependencyChanges(changes: PlannedChange[], packageJsons: string[], rel: (abs: string) => string): PlannedChange[] {
  const additions = new Map<string, Map<string, { range: string; transform: string }>>();
  for (const change of changes) {
    for (const [pkg, info] of Object.entries(GENERATED_DEPENDENCIES)) {
      if (!importsPackage(change.after, pkg) || importsPackage(change.before, pkg)) continue;
      const target = nearestPackageJson(change.abs, packageJsons);
      if (!target) continue;
      if (!additions.has(target)) additions.set(target, new Map());
      additions.get(target)!.set(pkg, info);
    }
  }
  const planned: PlannedChange[] = [];
  for (const [abs, pkgs] of [...additions].sort((a, b) => a[0].localeCompare(b[0]))) {
    const before = readFileSync(abs, 'utf8');
    let after = before;
    try {
      for (const [pkg, { range }] of pkgs) after = withDependency(after, pkg, range) ?? after;
    } catch {
      continue; // not valid JSON: the finding's hint tells the user what to add
    }
    if (after === before) continue;
    const file = rel(abs);
    const transforms = [...new Set([...pkgs.values()].map((p) => p.transform))];
    planned.push({ file, abs, before, after, transforms, diff: unifiedDiff(file, before, after) });
  }
  return planned;
}
