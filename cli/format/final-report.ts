// The closing report of a migration: what was changed, what each rule had fixed, what is left
// for a human, and what to do next.
import type { Finding } from '../../transforms/types';
import { findRule } from '../../transforms/registry';
import type { PlannedChange } from '../pipeline';
import type { Palette } from './color';

export interface MigrationSummary {
  /** files written in full, with the transforms that changed them */
  written: PlannedChange[];
  /** files written with only some hunks */
  partial: PlannedChange[];
  /** every finding of the scan */
  findings: Finding[];
}

export function fixedFindings(s: MigrationSummary): Finding[] {
  const applied = new Map(s.written.map((c) => [c.file, new Set(c.transforms)]));
  return s.findings.filter((f) => f.fixable && applied.get(f.file)?.has(f.fixable));
}

export function leftFindings(s: MigrationSummary): Finding[] {
  const fixed = new Set(fixedFindings(s));
  return s.findings.filter((f) => !fixed.has(f));
}

export function countByRule(findings: Finding[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

export function nextSteps(s: MigrationSummary): string[] {
  const transforms = new Set(s.written.flatMap((c) => c.transforms));
  const steps = ['Run your tests, then `npx lmi-migrate check` again: fixes can reveal findings they were hiding.'];
  if (s.partial.length) steps.push(`Re-run the migration on the ${s.partial.length} partially applied file(s) once you have reviewed them.`);
  if (transforms.has('client-pools')) steps.push('Review the generated pool sizes: connections = environments × workers × DB_POOL_MAX (see MIGRATION.md#pool-sizing).');
  steps.push('Set the function runtime to nodejs22.x or later and attach a capacity provider (MIGRATION.md#runtime-version).');
  steps.push('Simulate concurrency before deploying: `npx lmi-migrate simulate <handler-file>`.');
  return steps;
}

export function formatFinalReport(s: MigrationSummary, p: Palette): string {
  const lines: string[] = [];
  const fixed = fixedFindings(s);
  const left = leftFindings(s);
  lines.push(p.bold('Migration report'));
  lines.push(`  files changed: ${s.written.length}${s.partial.length ? ` (+${s.partial.length} partially)` : ''}`);
  for (const c of [...s.written, ...s.partial]) lines.push(`    ${c.file}  ${p.dim(c.transforms.join(', '))}`);
  if (fixed.length) {
    lines.push('  findings fixed:');
    for (const [rule, n] of countByRule(fixed)) lines.push(`    ${rule.padEnd(28)} ${n}`);
  }
  lines.push(`  findings left for a human: ${left.length}`);
  for (const f of left) {
    const docs = findRule(f.rule)?.docs ?? f.rule;
    lines.push(`    ${f.file}:${f.line}  ${f.rule}  ${f.message}  ${p.dim(`MIGRATION.md#${docs}`)}`);
  }
  lines.push('  next steps:');
  for (const step of nextSteps(s)) lines.push(`    - ${step}`);
  return lines.join('\n') + '\n';
}
