// Runs the project's native `tsc --noEmit -p <tsconfig>` and returns what it printed ('' = clean).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const TSC = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsc');

export function tscErrors(tsconfigPath: string): string {
  try {
    execFileSync(TSC, ['--noEmit', '-p', tsconfigPath], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || String(e);
  }
}
