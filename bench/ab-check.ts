// `npx tsx bench/ab-check.ts <other checkout> [--files n]`: analyseSource of this tree and of
// another checkout, file by file alternately in one process, so the machine's noise hits both.
// Prints both totals as ratios to the raw parse measured in the same loop.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus';
import { parse as babelParse } from '@babel/parser';
import { babelOptionsFor } from '../transforms/analysis/parser';
import { analyseSource } from '../transforms/engine/analyse-source';
import { RULES } from '../transforms/registry';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { files: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '2' } } });
const other = positionals[0];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otherEngine = require(join(other, 'transforms/engine/analyse-source.ts')) as typeof import('../transforms/engine/analyse-source');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otherRules = (require(join(other, 'transforms/registry.ts')) as typeof import('../transforms/registry')).RULES;
const files = generateCorpus({ files: Number(values.files), seed: 1 });
const mine = RULES.filter((r) => !r.needsImportGraph);
const theirs = otherRules.filter((r) => !r.needsImportGraph);
let parse = 0;
let a = 0;
let b = 0;
let differ = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  parse = a = b = differ = 0;
  files.forEach((f, i) => {
    let t = performance.now();
    try {
      // the bench's reference parse (bench/phase.ts)
      babelParse(f.source.replace(/^\uFEFF/, ''), babelOptionsFor(f.path, false));
    } catch {
      // broken files are part of the corpus
    }
    parse += performance.now() - t;
    // alternate which goes first
    const run = (which: 'a' | 'b') => {
      t = performance.now();
      const out = which === 'a' ? analyseSource(f.path, f.source, mine) : otherEngine.analyseSource(f.path, f.source, theirs);
      if (which === 'a') a += performance.now() - t;
      else b += performance.now() - t;
      return JSON.stringify(out);
    };
    const [x, y] = i % 2 ? [run('a'), run('b')] : [run('b'), run('a')];
    if (x !== y) differ++;
  });
}
process.stdout.write(`${files.length} files: parse ${(parse / 1000).toFixed(2)} s; this tree ${(a / parse).toFixed(2)}x parse; ${other} ${(b / parse).toFixed(2)}x parse; outcomes differing: ${differ}\n`);
