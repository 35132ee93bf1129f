// The graph of relative imports/requires between the scanned files, so a rule in a helper module
// (`db.js`, `state.js`) knows which handler files reach it. Built from plain data (each file's
// specifiers from analyseSource), never from the disk.
import { posix } from 'node:path';

export interface GraphInput {
  /** path as the engine names it (relative to the cwd) */
  file: string;
  /** relative specifiers the file imports/requires (`./db`, `../lib/state.js`) */
  imports: string[];
  hasHandler: boolean;
}

export interface ImportGraph {
  /** the scanned file a relative specifier of `from` names, if any */
  resolve(from: string, specifier: string): string | undefined;
  /** scanned files `file` imports directly (resolved, sorted) */
  importsOf(file: string): string[];
  /** handler files (other than `file`) whose imports reach `file` transitively, sorted */
  handlersReaching(file: string): string[];
}

const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];
// TypeScript ESM names the emitted file: `./db.js` means `db.ts` (or .tsx), `.mjs` → `.mts`, `.cjs` → `.cts`
const TS_SOURCE_OF: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

function normalize(file: string): string {
  const n = posix.normalize(file.replace(/\\/g, '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Candidate paths for a specifier, in Node/TypeScript resolution order. */
export function candidatePaths(target: string): string[] {
  const out = [target];
  const ext = posix.extname(target);
  for (const tsExt of TS_SOURCE_OF[ext] ?? []) out.push(target.slice(0, -ext.length) + tsExt);
  for (const e of EXTENSIONS) out.push(target + e);
  for (const e of EXTENSIONS) out.push(`${target}/index${e}`);
  return out;
}

export function buildImportGraph(files: readonly GraphInput[]): ImportGraph {
  // normalized path → the path as given
  const known = new Map<string, string>();
  for (const f of files) known.set(normalize(f.file), f.file);
  const isHandler = new Set(files.filter((f) => f.hasHandler).map((f) => f.file));

  const resolve = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
    const target = normalize(posix.join(posix.dirname(normalize(from)), specifier));
    for (const candidate of candidatePaths(target)) {
      const hit = known.get(candidate);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };

  const forward = new Map<string, string[]>();
  const importers = new Map<string, Set<string>>();
  for (const f of files) {
    const targets = new Set<string>();
    for (const spec of f.imports) {
      const to = resolve(f.file, spec);
      if (to !== undefined && to !== f.file) targets.add(to);
    }
    forward.set(f.file, [...targets].sort());
    for (const to of targets) {
      let set = importers.get(to);
      if (!set) importers.set(to, (set = new Set()));
      set.add(f.file);
    }
  }

  const reaching = new Map<string, string[]>();
  const handlersReaching = (file: string): string[] => {
    const given = known.get(normalize(file)) ?? file;
    const cached = reaching.get(given);
    if (cached) return cached;
    // walk importers backwards; `seen` makes cycles safe
    const seen = new Set<string>([given]);
    const queue = [given];
    const handlers: string[] = [];
    while (queue.length) {
      const current = queue.pop()!;
      for (const importer of importers.get(current) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        if (isHandler.has(importer)) handlers.push(importer);
        queue.push(importer);
      }
    }
    handlers.sort();
    reaching.set(given, handlers);
    return handlers;
  };

  return {
    resolve,
    importsOf: (file) => forward.get(known.get(normalize(file)) ?? file) ?? [],
    handlersReaching,
  };
}
