// Inline suppressions: `// lmi-migrate-ignore-next-line <rule-id>[ <rule-id>…]` silences the next
// line; `/* lmi-migrate-ignore <rule-id>… */` before the first statement silences the whole file.
// With no rule id, every rule is silenced.
import type { Comment, File as BabelFile } from '@babel/types';
import { VISITOR_KEYS } from './walk';

export type SuppressionCheck = (rule: string, line: number) => boolean;

// `s`: a block comment's rule list may span lines
const NEXT_LINE = /^\s*lmi-migrate-ignore-next-line\b(.*)$/s;
const FILE = /^\s*lmi-migrate-ignore\b(.*)$/s;

/** Rule ids before an optional ` -- reason` (the ESLint convention). */
function ruleIds(rest: string): string[] {
  return rest.split(/\s--\s|\s--$/)[0].split(/[\s,]+/).map((s) => s.replace(/\*\/$/, '').trim()).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
}

/** recast moves `File.comments` onto the nodes (`node.comments`): gather them back, in source order. */
function attachedComments(ast: BabelFile): Comment[] {
  const seen = new Set<number>();
  const out: Comment[] = [];
  const stack: unknown[] = [ast.program];
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    for (const c of (node.comments as Comment[] | undefined) ?? []) {
      if (!seen.has(c.start ?? -1)) {
        seen.add(c.start ?? -1);
        out.push(c);
      }
    }
    for (const key of VISITOR_KEYS[node.type as string] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) stack.push(...child);
      else if (child) stack.push(child);
    }
  }
  return out.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

export function suppressions(ast: BabelFile): SuppressionCheck {
  const comments = ast.comments ?? attachedComments(ast);
  if (comments.length === 0) return () => false;
  const firstStatement = ast.program.body[0]?.start ?? Infinity;
  const byLine = new Map<number, string[]>();
  const wholeFile: string[] = [];
  for (const c of comments) {
    const text = c.value;
    if (!text.includes('lmi-migrate-ignore')) continue;
    const next = NEXT_LINE.exec(text);
    if (next) {
      const line = (c.loc?.end.line ?? 0) + 1;
      byLine.set(line, [...(byLine.get(line) ?? []), ...(ruleIds(next[1]).length ? ruleIds(next[1]) : ['*'])]);
      continue;
    }
    const file = FILE.exec(text);
    if (file && (c.start ?? 0) < firstStatement) {
      const ids = ruleIds(file[1]);
      wholeFile.push(...(ids.length ? ids : ['*']));
    }
  }
  if (byLine.size === 0 && wholeFile.length === 0) return () => false;
  return (rule, line) => {
    if (wholeFile.includes('*') || wholeFile.includes(rule)) return true;
    const ids = byLine.get(line);
    return !!ids && (ids.includes('*') || ids.includes(rule));
  };
}
