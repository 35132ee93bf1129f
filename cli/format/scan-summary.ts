// The summary after a scan: findings per rule (count, severity, auto-fixable or manual), files
// affected, and files skipped because they could not be parsed.
import { findRule } from '../../transforms/registry';
import type { Scan } from '../pipeline';
import type { Palette } from './color';

export function formatScanSummary(result: Scan, p: Palette): string {
  const lines = [p.bold(`Scanned ${result.files} file${result.files === 1 ? '' : 's'}`)];
  const byRule = new Map<string, { n: number; fixable: number }>();
  for (const f of result.findings) {
    const entry = byRule.get(f.rule) ?? { n: 0, fixable: 0 };
    entry.n++;
    if (f.fixable) entry.fixable++;
    byRule.set(f.rule, entry);
  }
  if (byRule.size === 0) lines.push(p.green('  no findings'));
  for (const [rule, { n, fixable }] of [...byRule].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
    const sev = findRule(rule)?.severity ?? 'warning';
    const how = fixable === n ? p.green('auto-fixable') : fixable ? p.yellow(`${fixable} auto-fixable, ${n - fixable} manual`) : p.dim('manual');
    lines.push(`  ${String(n).padStart(4)}  ${rule.padEnd(28)} ${sev.padEnd(8)} ${how}`);
  }
  const affected = new Set(result.findings.map((f) => f.file)).size;
  lines.push(`  files affected: ${affected}`);
  if (result.errors.length) {
    lines.push(p.red(`  files skipped (could not be parsed): ${result.errors.length}`));
    for (const e of result.errors) lines.push(`    ${e.file}${e.line ? `:${e.line}` : ''}  ${e.message}`);
  }
  return lines.join('\n') + '\n';
}
