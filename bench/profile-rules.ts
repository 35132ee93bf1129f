// `npx tsx bench/profile-rules.ts [--files <n>] [--seed <s>] [--rounds <r>] [--forced] [--kind handler|module]`
// Where check's time goes, per rule, on the synthetic corpus, in one process. The engine's gates
// (needs tokens, handlerFilesOnly) apply exactly as in analyseSource. Analysis parts are lazy
// and shared, so the first rule that asks for one pays for it; with --forced the shared parts
// (handlers, index, bindings) are computed up front and timed on their own lines instead.
// Times are noisy; compare the ratios within one run.
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus';
import { createFileAnalysis } from '../transforms/analysis/file-analysis';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { EMPTY_PROJECT } from '../transforms/analysis/project';
import { listRelativeImports } from '../transforms/analysis/imports';
import { markReadOnly } from '../transforms/analysis/walk';
import { mayImportRelative, textMayMatch } from '../transforms/engine/analyse-source';
import { RULES } from '../transforms/registry';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '2' },
    forced: { type: 'boolean', default: false },
    kind: { type: 'string' },
  },
});

const files = generateCorpus({ files: Number(values.files), seed: Number(values.seed) }).filter((f) => !values.kind || f.kind === values.kind);
const rules = RULES.filter((r) => !r.needsImportGraph);
const times = new Map<string, number>();
const ran = new Map<string, number>();
const add = (key: string, ms: number) => times.set(key, (times.get(key) ?? 0) + ms);
const now = () => performance.now();

for (let round = 0; round < Number(values.rounds); round++) {
  // the first round warms the JIT; only the last round is kept
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
    markReadOnly(ast);
    const analysis = createFileAnalysis(f.path, source, ast, EMPTY_PROJECT);
    if (values.forced) {
      for (const part of ['handlers', 'index', 'bindings'] as const) {
        t = now();
        void analysis[part];
        add(`(analysis.${part})`, now() - t);
      }
    }
    for (const rule of rules) {
      if (!textMayMatch(rule, source)) continue;
      t = now();
      const gated = rule.handlerFilesOnly && analysis.handlers.length === 0;
      if (!gated) {
        ran.set(rule.id, (ran.get(rule.id) ?? 0) + 1);
        for (const report of rule.check({ file: f.path, source, ast, analysis, project: EMPTY_PROJECT })) {
          analysis.isSuppressed(rule.id, report.line ?? report.node?.loc?.start.line ?? 1);
        }
      }
      add(rule.id, now() - t);
    }
    t = now();
    if (mayImportRelative(source)) listRelativeImports(ast);
    add('(imports)', now() - t);
  }
}

const parse = times.get('(parse)') ?? 1;
const rows = [...times.entries()].sort((a, b) => b[1] - a[1]);
let total = 0;
for (const [, ms] of rows) total += ms;
process.stdout.write(`${files.length} files; total ${(total / 1000).toFixed(2)} s = ${(total / parse).toFixed(2)}× parse\n`);
for (const [key, ms] of rows) {
  const n = ran.get(key);
  process.stdout.write(`${key.padEnd(32)} ${(ms / 1000).toFixed(3).padStart(8)} s  ${(ms / parse).toFixed(3).padStart(6)}× parse${n !== undefined ? `  (ran on ${n})` : ''}\n`);
}
