// A Markdown report meant to be pasted as a PR description or comment: a summary table, the
// changed files with the rules behind them, and the follow-ups a human must do, with links.
import { findRule } from '../../transforms/registry';
import type { Finding } from '../../transforms/types';
import type { ParseError } from '../../transforms/engine/analyse-source';
import { countByRule, fixedFindings, leftFindings, nextSteps, type MigrationSummary } from './final-report';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export interface MarkdownInput extends MigrationSummary {
  files: number;
  errors: ParseError[];
  /** true for a dry run / check: nothing was written */
  dry: boolean;
  docsBase: string;
}

function link(rule: string, docsBase: string): string {
  const anchor = findRule(rule)?.docs ?? rule;
  return `[\`${rule}\`](${docsBase}#${anchor})`;
}

export function formatMarkdown(input: MarkdownInput): string {
  const fixed = fixedFindings(input);
  const left = leftFindings(input);
  const fixedCount = new Map(countByRule(fixed));
  const out: string[] = ['## LMI migration report', ''];
  const changed = input.written.length + input.partial.length;
  out.push(
    `${input.files} files scanned · ${input.findings.length} findings · ${changed} file${changed === 1 ? '' : 's'} ${input.dry ? 'to change' : 'changed'} · ${left.length} left for a human` +
      (input.errors.length ? ` · ${input.errors.length} could not be parsed` : ''),
    '',
  );
  if (input.findings.length) {
    out.push('| rule | severity | findings | fixed automatically | manual |', '| --- | --- | ---: | ---: | ---: |');
    for (const [rule, n] of countByRule(input.findings)) {
      const f = fixedCount.get(rule) ?? 0;
      out.push(`| ${link(rule, input.docsBase)} | ${findRule(rule)?.severity ?? ''} | ${n} | ${f} | ${n - f} |`);
    }
    out.push('');
  }
  if (changed) {
    out.push(input.dry ? '### Changes proposed' : '### Files changed', '');
    for (const c of [...input.written, ...input.partial]) {
      const rules = [...new Set(fixed.filter((f) => f.file === c.file).map((f) => f.rule))];
      const partial = input.partial.includes(c) ? ' (some hunks only)' : '';
      out.push(`- \`${c.file}\`${partial}: ${c.transforms.join(', ')}${rules.length ? ` (${rules.map((r) => link(r, input.docsBase)).join(', ')})` : ''}`);
    }
    out.push('');
  }
  if (left.length) {
    out.push('### Left for a human', '', '| file | rule | message |', '| --- | --- | --- |');
    for (const f of left) out.push(`| \`${f.file}:${f.line}\` | ${link(f.rule, input.docsBase)} | ${cell(f.message)}${f.hint ? ` _${cell(f.hint)}_` : ''} |`);
    out.push('');
  }
  if (input.errors.length) {
    out.push('### Files that could not be parsed', '');
    for (const e of input.errors) out.push(`- \`${e.file}${e.line ? `:${e.line}` : ''}\`: ${cell(e.message)}`);
    out.push('');
  }
  out.push('### Next steps', '', ...nextSteps(input).map((s) => `- ${s}`), '');
  return out.join('\n');
}

export function checkMarkdown(files: number, findings: Finding[], errors: ParseError[], docsBase: string): string {
  return formatMarkdown({ files, findings, errors, written: [], partial: [], dry: true, docsBase });
}
