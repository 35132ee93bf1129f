// `lmi-migrate check`: findings only, never writes.
import { formatJson } from '../format/json';
import { formatErrors, formatFindings, formatSummary } from '../format/pretty';
import { palette, useColor } from '../format/color';
import type { CliIO, ParsedOptions } from '../io';
import { scan } from '../pipeline';
import { exitCodeFor, scanOptions } from './shared';
import { formatOf, selectRules } from './options';

export function runCheck(paths: string[], values: ParsedOptions, io: CliIO): number {
  const format = formatOf(values);
  const { rules, configRules } = selectRules(values.rule);
  const result = scan(scanOptions(paths, values, io, rules, configRules));
  if (format === 'json') {
    io.stdout.write(formatJson({ files: result.files, findings: result.findings, changes: [], errors: result.errors }));
  } else {
    const p = palette(useColor(io.stdoutIsTTY, io.env));
    io.stdout.write(formatFindings(result.findings, p));
    if (result.findings.length) io.stdout.write('\n');
    io.stdout.write(formatErrors(result.errors, p));
    io.stdout.write(formatSummary(result.files, result.findings, result.errors, p));
  }
  return exitCodeFor(result.files, result.errors.length, result.findings.length);
}
