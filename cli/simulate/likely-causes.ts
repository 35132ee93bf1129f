// The findings `lmi-migrate check` reports for the handler file and for the local modules it
// imports, directly or not: a race in the handler often comes from a helper (a shared client in
// db.js, state in state.js). Static analysis only: no user code runs for this.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { analyseSource } from '../../transforms/engine/analyse-source';
import { candidatePaths } from '../../transforms/analysis/import-graph';
import { CONFIG_RULES, RULES } from '../../transforms/registry';
import { scan } from '../pipeline';
import { isFile } from './options';
import type { LikelyCause } from './report';

/** The handler file and every local module it reaches through relative imports, inside `root`. */
function reachedFiles(handlerFile: string, root: string): string[] {
  const seen = new Set<string>([handlerFile]);
  const queue = [handlerFile];
  while (queue.length) {
    const file = queue.shift()!;
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const specifier of analyseSource(file, source, []).imports) {
      const target = candidatePaths(resolve(dirname(file), specifier).split(sep).join('/')).find(isFile);
      if (!target || seen.has(target) || !target.startsWith(root + sep) || target.includes(`${sep}node_modules${sep}`)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen];
}

/** Findings in the handler's files, paths relative to `root` (the task root), handler file first. */
export async function likelyCausesFor(handlerFile: string, root: string): Promise<LikelyCause[]> {
  const base = handlerFile.startsWith(root + sep) ? root : dirname(handlerFile);
  const files = reachedFiles(handlerFile, base);
  const result = await scan({ cwd: base, paths: files.map((f) => relative(base, f)), rules: RULES, configRules: CONFIG_RULES, jobs: 1 });
  const own = relative(base, handlerFile).split(sep).join('/');
  const causes = result.findings.map((f) => ({ file: f.file, rule: f.rule, line: f.line, message: f.message }));
  return [...causes.filter((c) => c.file === own), ...causes.filter((c) => c.file !== own)];
}

