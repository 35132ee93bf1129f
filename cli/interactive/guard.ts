// Refuses to migrate over uncommitted work: in a git repository with changes in the target
// paths, the user must commit first or pass --allow-dirty. Not in git counts as clean.
import { spawnSync } from 'node:child_process';

export function dirtyFiles(cwd: string, paths: string[]): string[] {
  const r = spawnSync('git', ['status', '--porcelain', '--', ...paths], { cwd, encoding: 'utf8' });
  // not a repository, or git missing: nothing to protect
  if (r.status !== 0 || r.error) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
}
