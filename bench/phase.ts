// One measured phase of the benchmark, in its own process so its peak RSS is its own.
// Phases: parse (the reference), check, dry, recast (jscodeshift's parse of every file) and
// recast-fixable (its parse of only the files --dry transforms, chosen by an untimed scan).
// Prints {"ms": wall time of the phase, "cpuMs": CPU time of the whole process (all threads), "rssMB": peak resident set, "files": n} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { parse } from '@babel/parser';
import { babelOptionsFor, recastParserFor } from '../transforms/analysis/parser';
import { CONFIG_RULES, RULES, TRANSFORMS } from '../transforms/registry';
import { planChanges, scan } from '../cli/pipeline';

const [phase, corpus, jobsArg] = process.argv.slice(2);
const jobs = jobsArg ? Number(jobsArg) : undefined;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.[cm]?[jt]sx?$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

async function main() {
  let files = sourceFiles(corpus);
  if (phase === 'recast-fixable') {
    // untimed: the files --dry hands to recast (those with an auto-fixable finding)
    const result = await scan({ cwd: corpus, paths: ['.'], rules: RULES, configRules: CONFIG_RULES, jobs: 1 });
    files = result.outcomes.filter((o) => !o.error && o.findings.some((f) => f.fixable)).map((o) => o.abs);
  }
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  if (phase === 'parse') {
    // the reference: raw @babel/parser on every file, one process, with jscodeshift's plugins and
    // options but no tokens (check's own parse also skips attaching comments, which no rule reads)
    for (const f of files) {
      try {
        parse(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), babelOptionsFor(f, false));
      } catch {
        // unparsable files are part of the corpus
      }
    }
  } else if (phase === 'recast' || phase === 'recast-fixable') {
    for (const f of files) {
      try {
        jscodeshift.withParser(recastParserFor(f))(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        // unparsable files are part of the corpus
      }
    }
  } else {
    const result = await scan({ cwd: corpus, paths: ['.'], rules: RULES, configRules: CONFIG_RULES, jobs });
    if (phase === 'dry') await planChanges(result, TRANSFORMS);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, files: files.length }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exitCode = 1;
});
