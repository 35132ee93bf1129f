// `lmi-migrate [paths...]` on a terminal: guard → scan → summary → choose transforms → review
// each diff → write what was approved → final report. Ctrl-C exits 130.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkbox } from '@inquirer/prompts';
import { formatMarkdown } from '../format/markdown';
import { docsBase } from '../docs-link';
import { RULES, CONFIG_RULES, TRANSFORMS } from '../../transforms/registry';
import { palette, useColor } from '../format/color';
import { formatFinalReport, leftFindings } from '../format/final-report';
import { formatScanSummary } from '../format/scan-summary';
import type { CliIO, ParsedOptions } from '../io';
import { planChanges, scan, type PlannedChange } from '../pipeline';
import { writeChanges } from '../write';
import { scanOptions } from '../commands/shared';
import { selectTransforms } from '../commands/options';
import { dirtyFiles } from './guard';
import { keyPrompt } from './key-prompt';
import { progressReporter } from './progress';
import { emptyOutcome, review } from './review';

export const EXIT_INTERRUPTED = 130;

function isInterrupt(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');
}

export async function runInteractive(paths: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  const p = palette(useColor(io.stdoutIsTTY, io.env));
  const targets = paths.length ? paths : ['.'];
  if (!values['allow-dirty'] && !values.force) {
    const dirty = dirtyFiles(io.cwd, targets);
    if (dirty.length) {
      io.stderr.write(
        `lmi-migrate: ${dirty.length} file(s) in the target paths have uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}).\n` +
          'Commit or stash them first so every change the migration makes can be reviewed and undone with git,\n' +
          'or pass --allow-dirty to go ahead anyway.\n',
      );
      return 2;
    }
  }
  const options = scanOptions(targets, values, io, RULES, CONFIG_RULES);
  options.onProgress = progressReporter(io.stderr, io.stderrIsTTY);
  const result = await scan(options);
  if (result.discovered.missing.length) {
    io.stderr.write(`lmi-migrate: no such file or directory: ${result.discovered.missing.join(', ')}\n`);
    return 2;
  }
  io.stdout.write(formatScanSummary(result, p));
  const candidates = values.transform?.length ? selectTransforms(values.transform) : TRANSFORMS;
  const fixCount = (id: string) => result.findings.filter((f) => f.fixable === id).length;
  const outcome = emptyOutcome();
  let changes: PlannedChange[] = [];
  try {
    if (!candidates.some((t) => fixCount(t.meta.id) > 0)) {
      io.stdout.write('\nNothing to change automatically.\n');
    } else {
      const chosenIds = await checkbox({
        message: 'Transforms to run',
        choices: candidates.map((t) => {
          const n = fixCount(t.meta.id);
          return {
            name: `${t.meta.id} (${n} finding${n === 1 ? '' : 's'}): ${t.meta.summary}`,
            value: t.meta.id,
            checked: n > 0,
            disabled: n === 0 ? 'nothing to do' : false,
          };
        }),
      });
      const planned = await planChanges(result, candidates.filter((t) => chosenIds.includes(t.meta.id)));
      for (const e of planned.errors) io.stderr.write(`${e.file}: ${e.message}\n`);
      changes = planned.changes;
      if (changes.length === 0) io.stdout.write('\nThe chosen transforms change no file.\n');
      await review(
        changes,
        (file) => result.findings.filter((f) => f.file === file),
        {
          ask: (message, choices) => keyPrompt({ message, choices }),
          print: (text) => io.stdout.write(text),
          write: (change, content) => {
            const { skipped } = writeChanges([{ ...change, after: content }]);
            return skipped[0]?.message ?? null;
          },
          palette: p,
          pageLines: Math.max(20, (process.stdout.rows ?? 40) - 8),
        },
        outcome,
      );
    }
  } catch (e) {
    if (!isInterrupt(e)) throw e;
    io.stdout.write(`\nInterrupted. ${outcome.written.length} file(s) written before the interruption; nothing else was changed.\n`);
    return EXIT_INTERRUPTED;
  }
  for (const f of outcome.failed) io.stderr.write(`${f.file}: ${f.message}\n`);
  const summary = {
    written: outcome.written.filter((w) => !w.partial).map((w) => w.change),
    partial: outcome.written.filter((w) => w.partial).map((w) => w.change),
    findings: result.findings,
  };
  io.stdout.write('\n' + formatFinalReport(summary, p));
  const written = outcome.written.map((w) => w.change);
  if (values['diff-out']) writeFileSync(resolve(io.cwd, values['diff-out']), written.map((c) => c.diff).join(''));
  if (values.report) {
    const markdown = formatMarkdown({ ...summary, files: result.files, errors: result.errors, dry: false, docsBase: docsBase(io.env) });
    writeFileSync(resolve(io.cwd, values.report), markdown);
  }
  if (outcome.quit) io.stdout.write('Quit: the remaining files were not written.\n');
  return result.errors.length || outcome.failed.length || leftFindings(summary).length > 0 ? 1 : 0;
}
