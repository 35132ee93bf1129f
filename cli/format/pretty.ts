// Human output: findings grouped by file (like ESLint's stylish), parse errors, a summary.
import type { Finding } from '../../transforms/types';
import type { ParseError } from '../../transforms/engine/analyse-source';
import { findRule } from '../../transforms/registry';
import type { Palette } from './color';

export function formatFindings(findings: Finding[], p: Palette): string {
  const lines: string[] = [];
  let current = '';
  for (const f of findings) {
    if (f.file !== current) {
      if (current) lines.push('');
      lines.push(p.bold(f.file));
      current = f.file;
    }
    const sev = f.severity === 'error' ? p.red('error') : f.severity === 'warning' ? p.yellow('warning') : p.cyan('info');
    const fix = f.fixable ? p.green(`fixable by ${f.fixable}`) : p.dim('manual');
    lines.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${sev.padEnd(7)}  ${f.message}  ${p.dim(f.rule)}  ${fix}`);
    if (f.hint) lines.push(`           ${p.dim(`hint: ${f.hint}`)}`);
    const docs = findRule(f.rule)?.docs;
    if (docs) lines.push(`           ${p.dim(`docs: MIGRATION.md#${docs}`)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatErrors(errors: ParseError[], p: Palette): string {
  return errors
    .map((e) => `${p.red('error')} ${e.file}${e.line ? `:${e.line}:${(e.column ?? 0) + 1}` : ''}  ${e.message} ${p.dim('(file skipped)')}\n`)
    .join('');
}

export function formatSummary(
  files: number,
  findings: Finding[],
  errors: ParseError[],
  p: Palette,
  migration?: { fixed: number; dry: boolean },
): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const fixable = findings.filter((f) => f.fixable).length;
  const parts = [`${files} file${files === 1 ? '' : 's'} scanned`];
  if (findings.length === 0) parts.push(p.green('no findings'));
  else {
    parts.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`);
    if (migration) {
      parts.push(`${migration.fixed} ${migration.dry ? 'fixed by this patch' : 'fixed'}`);
      parts.push(`${findings.length - migration.fixed} left for a human`);
    } else parts.push(`${fixable} auto-fixable`);
  }
  if (errors.length) parts.push(p.red(`${errors.length} file${errors.length === 1 ? '' : 's'} could not be processed`));
  return parts.join(', ') + '\n';
}
