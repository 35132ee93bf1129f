// Finds the files to scan. Directories are walked without following symlinks; default build
// and dependency folders are skipped and .gitignore files (from the git root down) are honoured.
// A file named explicitly is always scanned.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export const DEFAULT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'cdk.out', '.aws-sam', '.serverless', '.git']);
const SKIPPED_FILES = [/\.d\.[cm]?ts$/, /\.min\.js$/];
/** project files read by config rules and by the project analysis */
export const PROJECT_FILES = new Set(['package.json', 'template.yaml', 'template.yml', 'serverless.yml', 'serverless.yaml']);

export interface DiscoverOptions {
  cwd: string;
  extensions?: string[];
  ignore?: string[];
}

export interface Discovered {
  /** absolute paths of source files, sorted */
  sources: string[];
  /** absolute paths of package.json / templates inside the targets, sorted */
  projectFiles: string[];
  /** absolute paths of package.json files above the targets (for "type": "module") */
  ancestorPackageJsons: string[];
  /** paths given on the command line that do not exist */
  missing: string[];
}

interface GitignoreScope {
  dir: string;
  rules: Ignore;
}

export function findGitRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function loadGitignore(dir: string): GitignoreScope | null {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return null;
  try {
    return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return null;
  }
}

function isIgnoredByGit(path: string, isDir: boolean, scopes: GitignoreScope[]): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** .gitignore scopes from the git root down to (not including) `dir`. */
function ancestorScopes(dir: string): GitignoreScope[] {
  const root = findGitRoot(dir);
  if (!root) return [];
  const scopes: GitignoreScope[] = [];
  let current = resolve(dir);
  const chain: string[] = [];
  while (current !== root && current.startsWith(root)) {
    current = dirname(current);
    chain.unshift(current);
  }
  for (const d of chain) {
    const scope = loadGitignore(d);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

function packageJsonsAbove(dir: string): string[] {
  const out: string[] = [];
  let current = dirname(resolve(dir));
  for (;;) {
    const file = join(current, 'package.json');
    if (existsSync(file)) out.push(file);
    const parent = dirname(current);
    if (parent === current) return out;
    current = parent;
  }
}

export function discover(paths: string[], options: DiscoverOptions): Discovered {
  const extensions = (options.extensions ?? DEFAULT_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const userPatterns = options.ignore?.length ? picomatch(options.ignore, { dot: true }) : null;
  const relToCwd = (p: string) => relative(options.cwd, p).split(sep).join('/');
  // no --ignore: no relative path to build for each of thousands of files
  const userIgnore = (p: string) => userPatterns !== null && userPatterns(relToCwd(p));
  const sources = new Set<string>();
  const projectFiles = new Set<string>();
  const ancestors = new Set<string>();
  const missing: string[] = [];
  const hasExtension = (name: string) => extensions.some((e) => name.toLowerCase().endsWith(e));

  const walk = (dir: string, scopes: GitignoreScope[]) => {
    const own = loadGitignore(dir);
    const active = own ? [...scopes, own] : scopes;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue; // never follow links out of the target
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (isIgnoredByGit(full, true, active) || userIgnore(full)) continue;
        walk(full, active);
      } else if (entry.isFile()) {
        if (isIgnoredByGit(full, false, active) || userIgnore(full)) continue;
        if (PROJECT_FILES.has(entry.name)) projectFiles.add(full);
        else if (hasExtension(entry.name) && !SKIPPED_FILES.some((re) => re.test(entry.name))) sources.add(full);
      }
    }
  };

  for (const given of paths) {
    const abs = resolve(options.cwd, given);
    if (!existsSync(abs)) {
      missing.push(given);
      continue;
    }
    const stat = lstatSync(abs).isSymbolicLink() ? statSync(abs) : lstatSync(abs);
    if (stat.isDirectory()) {
      walk(abs, ancestorScopes(abs));
      for (const p of packageJsonsAbove(abs)) ancestors.add(p);
    } else {
      // named explicitly: always processed
      if (PROJECT_FILES.has(basename(abs))) projectFiles.add(abs);
      else sources.add(abs);
      for (const p of packageJsonsAbove(dirname(abs) + sep + 'x')) ancestors.add(p);
    }
  }
  for (const p of projectFiles) ancestors.delete(p);
  return {
    sources: [...sources].sort(),
    projectFiles: [...projectFiles].sort(),
    ancestorPackageJsons: [...ancestors].sort(),
    missing,
  };
}
