// The stable machine-readable shape (version 1): fields may be added, never renamed.
import type { Finding } from '../../transforms/types';
import type { ParseError } from '../../transforms/engine/analyse-source';

export interface JsonReport {
  version: 1;
  files: number;
  findings: Finding[];
  changes: Array<{ file: string; transforms: string[]; diff: string }>;
  errors: Array<{ file: string; message: string; line?: number; column?: number }>;
}

export function formatJson(report: {
  files: number;
  findings: Finding[];
  changes: Array<{ file: string; transforms: string[]; diff: string }>;
  errors: ParseError[];
}): string {
  const out: JsonReport = {
    version: 1,
    files: report.files,
    findings: report.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      fixable: f.fixable,
      ...(f.hint ? { hint: f.hint } : {}),
    })),
    changes: report.changes.map((c) => ({ file: c.file, transforms: c.transforms, diff: c.diff })),
    errors: report.errors.map((e) => ({
      file: e.file,
      message: e.message,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column + 1 } : {}),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
