// `lmi-migrate check`: findings only, never writes (except the report file named by --output).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatJson } from '../format/json';
import { formatErrors, formatFindings, formatSummary } from '../format/pretty';
import { palette, useColor } from '../format/color';
import { formatSarif } from '../format/sarif';
import { checkMarkdown } from '../format/markdown';
import { docsBase } from '../docs-link';
import { toolVersion } from '../versions';
import { UsageError, type CliIO, type ParsedOptions } from '../io';
import { scan } from '../pipeline';
import { exitCodeFor, scanOptions } from './shared';
import { formatOf, maxWarningsOf, selectRules } from './options';

export async function runCheck(paths: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  const format = formatOf(values, ['pretty', 'json', 'sarif', 'markdown'] as const);
  const maxWarnings = maxWarningsOf(values);
  const { rules, configRules } = selectRules(values.rule);
  const result = await scan(scanOptions(paths, values, io, rules, configRules));
  if (result.discovered.missing.length) throw new UsageError(`no such file or directory: ${result.discovered.missing.join(', ')}`);
  const toFile = typeof values.output === 'string';
  let text: string;
  if (format === 'json') text = formatJson({ files: result.files, findings: result.findings, changes: [], errors: result.errors });
  else if (format === 'sarif') text = formatSarif({ findings: result.findings, errors: result.errors, version: toolVersion(), docsBase: docsBase(io.env) });
  else if (format === 'markdown') text = checkMarkdown(result.files, result.findings, result.errors, docsBase(io.env));
  else {
    const p = palette(!toFile && useColor(io.stdoutIsTTY, io.env));
    text =
      formatFindings(result.findings, p) +
      (result.findings.length ? '\n' : '') +
      formatErrors(result.errors, p) +
      formatSummary(result.files, result.findings, result.errors, p);
  }
  if (toFile) writeFileSync(resolve(io.cwd, values.output as string), text);
  else io.stdout.write(text);
  // like ESLint: with --max-warnings, warnings and info count only above the threshold
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const others = result.findings.length - errors;
  const counted = maxWarnings === undefined ? result.findings.length : errors + (others > maxWarnings ? others : 0);
  return exitCodeFor(result.files, result.errors.length, counted);
}
