// Pieces shared by the commands that scan and transform.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigRule, Finding, Rule, TransformModule } from '../../transforms/types';
import type { ParseError } from '../../transforms/engine/analyse-source';
import { RULES, CONFIG_RULES } from '../../transforms/registry';
import { formatJson } from '../format/json';
import { colorDiff, palette, useColor } from '../format/color';
import { formatErrors, formatFindings, formatSummary } from '../format/pretty';
import { UsageError, type CliIO, type ParsedOptions } from '../io';
import { planChanges, scan, type PlannedChange, type ScanOptions } from '../pipeline';
import { writeChanges } from '../write';
import { formatMarkdown } from '../format/markdown';
import { docsBase } from '../docs-link';
import { extensionsOf, formatOf, jobsOf } from './options';

export function scanOptions(paths: string[], values: ParsedOptions, io: CliIO, rules: Rule[], configRules: ConfigRule[]): ScanOptions {
  const options: ScanOptions = {
    cwd: io.cwd,
    paths: paths.length ? paths : ['.'],
    extensions: extensionsOf(values),
    ignore: values.ignore,
    rules,
    configRules,
    jobs: jobsOf(values),
  };
  return options;
}

/** 0 clean; 1 findings or unprocessable files; 2 when files were found but none could be processed. */
export function exitCodeFor(files: number, errors: number, findings: number): number {
  if (files > 0 && errors >= files) return 2;
  return errors > 0 || findings > 0 ? 1 : 0;
}

export interface TransformRun {
  transforms: TransformModule[];
  /** findings are reported only for these rules (apply: the transform's own rules) */
  reportRules?: string[];
  dry: boolean;
  print?: boolean;
  diffOut?: string;
  /** Markdown report file */
  report?: string;
}

/** Scan, plan the changes of `run.transforms`, then print the patch (--dry) or write them. */
export async function runTransforms(paths: string[], values: ParsedOptions, io: CliIO, run: TransformRun): Promise<number> {
  const format = formatOf(values);
  const result = await scan(scanOptions(paths, values, io, RULES, CONFIG_RULES));
  const missing = result.discovered.missing;
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  const planned = await planChanges(result, run.transforms);
  const errors: ParseError[] = [...result.errors, ...planned.errors];
  const changes = run.dry ? planned.changes : applyChanges(planned.changes, errors);
  const changedFiles = new Set(changes.map((c) => c.file));
  const selected = new Set(run.transforms.map((t) => t.meta.id));
  const inScope = (f: Finding) => !run.reportRules || run.reportRules.includes(f.rule);
  // what is left for a human: not fixable by the selected transforms, or in a file that was not changed
  const left = result.findings.filter((f) => inScope(f) && !(f.fixable && selected.has(f.fixable) && changedFiles.has(f.file)));
  const patch = changes.map((c) => c.diff).join('');
  if (run.diffOut) writeFileSync(resolve(io.cwd, run.diffOut), patch);
  if (run.report) {
    const findings = result.findings.filter(inScope);
    const markdown = formatMarkdown({ files: result.files, findings, errors, written: changes, partial: [], dry: run.dry, docsBase: docsBase(io.env) });
    writeFileSync(resolve(io.cwd, run.report), markdown);
  }

  if (format === 'json') {
    const findings = run.dry ? result.findings.filter(inScope) : left;
    io.stdout.write(formatJson({ files: result.files, findings, changes, errors }));
  } else {
    const out = palette(useColor(io.stdoutIsTTY, io.env));
    const err = palette(useColor(io.stderrIsTTY, io.env));
    if (run.print) for (const c of changes) io.stdout.write(c.after);
    else if (run.dry) io.stdout.write(colorDiff(patch, out));
    if (left.length) io.stderr.write(`\nLeft for a human (${left.length}):\n` + formatFindings(left, err));
    io.stderr.write(formatErrors(errors, err));
    const verb = run.dry ? 'would change' : 'changed';
    io.stderr.write(`\n${changes.length} file${changes.length === 1 ? '' : 's'} ${verb}${changes.length ? `: ${changes.map((c) => c.file).join(', ')}` : ''}\n`);
    const fixed = result.findings.filter(inScope).length - left.length;
    io.stderr.write(formatSummary(result.files, result.findings.filter(inScope), errors, err, { fixed, dry: run.dry }));
  }
  const pending = run.dry ? changes.length : 0;
  return exitCodeFor(result.files, errors.length, left.length + pending);
}

function applyChanges(changes: PlannedChange[], errors: ParseError[]): PlannedChange[] {
  const { written, skipped } = writeChanges(changes);
  for (const s of skipped) errors.push({ file: s.file, message: s.message });
  return written;
}
