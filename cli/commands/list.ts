// `lmi-migrate list`: transforms and rules from the registry metadata.
import { TRANSFORMS, ruleMetadata } from '../../transforms/registry';
import type { CliIO, ParsedOptions } from '../io';

export function runList(values: ParsedOptions, io: CliIO): number {
  const rules = ruleMetadata();
  if (values.json) {
    io.stdout.write(
      JSON.stringify(
        {
          version: 1,
          transforms: TRANSFORMS.map((t) => ({ id: t.meta.id, title: t.meta.title, summary: t.meta.summary, fixes: t.meta.fixes })),
          rules: rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, fixedBy: r.fixedBy ?? null, docs: `MIGRATION.md#${r.docs}` })),
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const lines = ['Transforms (applied in this order):'];
  for (const t of TRANSFORMS) lines.push(`  ${t.meta.id.padEnd(24)} ${t.meta.summary}`);
  lines.push('', 'Rules:');
  for (const r of rules) {
    const fix = r.fixedBy ? `fixed by ${r.fixedBy}` : 'manual';
    lines.push(`  ${r.id.padEnd(24)} ${r.severity.padEnd(8)} ${r.title} (${fix})`);
  }
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
