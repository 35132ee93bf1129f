// `npm run bench -- [--corpus <dir>] [--files <n>] [--seed <s>] [--repeat <n>]`
// Measures, in one run: (1) raw @babel/parser parse of every file (the reference), (2) check,
// (3) --dry with every transform, (4) jscodeshift's own parse, (5) that parse of only the files --dry
// changes (with (2), the floor of (3)), and check with --jobs 1 vs 2 next to
// the machine's own two-thread ceiling (two reference parses in two processes at once).
// Figures are ratios against (1) from the same run: machines are noisy, ratios much less so.
// Every phase runs from one esbuild bundle of phase.ts, as the CLI runs from a bundle of its code.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { parseArgs } from 'node:util';
import { generateCorpus, writeCorpus } from './corpus';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    files: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    // each phase runs this many times and its fastest run counts: a noisy neighbour only ever slows a run down
    repeat: { type: 'string', default: '3' },
  },
});

interface Measure {
  ms: number;
  /** CPU time of the phase's process, all threads: less sensitive to other load than wall time */
  cpuMs: number;
  rssMB: number;
  files: number;
}

const ROOT = join(__dirname, '..');

/**
 * phase.ts as one esbuild bundle, the way `lmi-migrate` runs its own code (cli/bin.cjs): through
 * tsx, every call between two of the tool's modules goes through an export getter, which made
 * `check` measure about 20% slower than what users run.
 */
function phaseScript(): string {
  const cache = require('../cli/bundle-cache.cjs') as { bundleOptions(entry: string, root: string): object; toolCache(root: string): { dir: string } };
  const out = buildSync(cache.bundleOptions(join(__dirname, 'phase.ts'), ROOT) as BuildOptions & { write: false });
  const file = join(cache.toolCache(ROOT).dir, 'bench-phase.cjs');
  mkdirSync(dirname(file), { recursive: true });
  // the bundle's modules learn the tool's root from __lmiToolRoot (cli/tool-root.ts)
  writeFileSync(file, `var __lmiToolRoot = ${JSON.stringify(ROOT)};\n${out.outputFiles[0].text}`);
  return file;
}

let script: string | undefined;

function phaseArgs(phase: string, corpus: string, jobs?: number): string[] {
  script ??= phaseScript();
  const args = [script, phase, corpus];
  if (jobs) args.push(String(jobs));
  return args;
}

const lastLine = (out: string): Measure => JSON.parse(out.trim().split('\n').pop()!);

function measureOnce(phase: string, corpus: string, jobs?: number): Measure {
  return lastLine(execFileSync(process.execPath, phaseArgs(phase, corpus, jobs), { encoding: 'utf8', maxBuffer: 1 << 24 }));
}

/**
 * The machine's own ceiling for two threads: the reference parse in two processes at once, as
 * throughput relative to one (2.0 on two free cores; less with shared cores or other load).
 */
async function bothAtOnce(corpus: string): Promise<number> {
  const run = () => promisify(execFile)(process.execPath, phaseArgs('parse', corpus), { encoding: 'utf8', maxBuffer: 1 << 24 });
  const both = await Promise.all([run(), run()]);
  return Math.max(...both.map((r) => lastLine(r.stdout).ms));
}

interface Phase {
  name: string;
  phase: string;
  jobs?: number;
}

const PHASES: Phase[] = [
  { name: '(1) raw @babel/parser parse (reference)', phase: 'parse' },
  { name: '(2) lmi-migrate check', phase: 'check' },
  { name: '(3) lmi-migrate --dry (every transform)', phase: 'dry' },
  { name: '(4) jscodeshift parse (recast) of every file', phase: 'recast' },
  { name: '(5) jscodeshift parse of only the files --dry changes', phase: 'recast-fixable' },
  { name: 'check --jobs 1', phase: 'check', jobs: 1 },
  { name: 'check --jobs 2', phase: 'check', jobs: 2 },
];

/**
 * Every phase once per round, --repeat rounds, each phase keeping its fastest run. Interleaved
 * rounds (not three runs of one phase, then three of the next) let a slow spell of this shared
 * machine hit every phase alike instead of the one it happens to fall on.
 */
async function measureAll(corpus: string): Promise<{ rows: Measure[]; pair: number }> {
  const best: Array<Measure | undefined> = [];
  let pair = Infinity;
  for (let round = 0; round < Math.max(1, Number(values.repeat)); round++) {
    PHASES.forEach((p, i) => {
      const m = measureOnce(p.phase, corpus, p.jobs);
      if (!best[i] || m.ms < best[i]!.ms) best[i] = m;
    });
    pair = Math.min(pair, await bothAtOnce(corpus));
  }
  return { rows: best as Measure[], pair };
}

async function main() {
  let corpus = values.corpus;
  let made: string | undefined;
  if (!corpus) {
    made = corpus = mkdtempSync(join(tmpdir(), 'lmi-bench-'));
    writeCorpus(corpus, generateCorpus({ files: Number(values.files), seed: Number(values.seed) }));
  }
  try {
    // warm the file cache so the first phase is not penalised
    measureOnce('parse', corpus);
    const measured = await measureAll(corpus);
    const rows = PHASES.map((p, i): [string, Measure] => [p.name, measured.rows[i]]);
    const ref = rows[0][1].ms;
    const lines = [
      `corpus: ${corpus}${made ? ` (generated: ${values.files} files, seed ${values.seed})` : ''}; ${rows[0][1].files} files; ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`,
      '',
      '| measure | wall time | ms/file | peak RSS | ratio to (1) | CPU time |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(([name, m]) => `| ${name} | ${(m.ms / 1000).toFixed(2)} s | ${(m.ms / m.files).toFixed(3)} | ${m.rssMB.toFixed(0)} MB | ${(m.ms / ref).toFixed(2)}× | ${(m.cpuMs / 1000).toFixed(2)} s |`),
      '',
      `(5) is ${rows[4][1].files} of the ${rows[0][1].files} files; recast must parse (and print) each of them, so (3) cannot go below (2) + (5) = ` +
        `${((rows[1][1].ms + rows[4][1].ms) / ref).toFixed(2)}× the reference on this corpus, printing not counted.`,
      `--jobs 2 speed-up over --jobs 1: ${(rows[5][1].ms / rows[6][1].ms).toFixed(2)}× ` +
        `(this machine's ceiling, two reference parses in two processes at once: ${((2 * ref) / measured.pair).toFixed(2)}×)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    if (made) rmSync(made, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exitCode = 1;
});
