// `npx tsx bench/profile-owned-rules.ts [--files <n>] [--seed <s>] [--rounds <r>] [--forced]`
// Per-rule time of check on the synthetic corpus, in one process, the way analyseSource runs the
// rules (needs tokens, handlerFilesOnly, the raw tree marked read-only so the node index is shared).
// Also prints a digest of every finding, so two trees (before/after a change) can be compared for
// identical output. Analysis parts are lazy: the first rule that asks for one pays for it.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus';
import { createFileAnalysis } from '../transforms/analysis/file-analysis';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { EMPTY_PROJECT } from '../transforms/analysis/project';
import * as walk from '../transforms/analysis/walk';
import { analyseSource } from '../transforms/engine/analyse-source';
import { RULES } from '../transforms/registry';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    // compute the shared node index and handler list up front, on lines of their own
    forced: { type: 'boolean', default: false },
  },
});

const files = generateCorpus({ files: Number(values.files), seed: Number(values.seed) });
const rules = RULES.filter((r) => !r.needsImportGraph);
const markReadOnly = (walk as { markReadOnly?: (root: unknown) => void }).markReadOnly;
const times = new Map<string, number>();
const ran = new Map<string, number>();
const add = (key: string, ms: number) => times.set(key, (times.get(key) ?? 0) + ms);
const now = () => performance.now();

for (let round = 0; round < Number(values.rounds); round++) {
  // earlier rounds warm the JIT; only the last round is kept
  times.clear();
  ran.clear();
  for (const f of files) {
    const source = f.source.replace(/^\uFEFF/, '');
    let t = now();
    let ast;
    try {
      ast = parseForAnalysis(f.path, source);
    } catch {
      continue;
    } finally {
      add('(parse)', now() - t);
    }
    markReadOnly?.(ast);
    const analysis = createFileAnalysis(f.path, source, ast, EMPTY_PROJECT);
    if (values.forced) {
      for (const part of ['handlers', 'index'] as const) {
        t = now();
        void analysis[part];
        add(`(analysis.${part})`, now() - t);
      }
    }
    for (const rule of rules) {
      if (rule.needs && !rule.needs.some((token) => source.includes(token))) continue;
      t = now();
      if (!(rule.handlerFilesOnly && analysis.handlers.length === 0)) {
        ran.set(rule.id, (ran.get(rule.id) ?? 0) + 1);
        rule.check({ file: f.path, source, ast, analysis, project: EMPTY_PROJECT });
      }
      add(rule.id, now() - t);
    }
  }
}

// the whole engine once more, for the digest of what check reports
const digest = createHash('sha256');
let count = 0;
for (const f of files) {
  const outcome = analyseSource(f.path, f.source, rules);
  count += outcome.findings.length;
  digest.update(JSON.stringify(outcome));
}

const parse = times.get('(parse)') ?? 1;
const rows = [...times.entries()].sort((a, b) => b[1] - a[1]);
let total = 0;
for (const [, ms] of rows) total += ms;
process.stdout.write(`${files.length} files; total ${(total / 1000).toFixed(2)} s = ${(total / parse).toFixed(2)}× parse; ${count} findings, digest ${digest.digest('hex').slice(0, 16)}\n`);
for (const [key, ms] of rows) {
  const n = ran.get(key);
  process.stdout.write(`${key.padEnd(32)} ${(ms / 1000).toFixed(3).padStart(8)} s  ${(ms / parse).toFixed(3).padStart(6)}× parse${n !== undefined ? `  (ran on ${n})` : ''}\n`);
}
