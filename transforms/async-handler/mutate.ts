// In-place tree surgery on the recast AST: replace or remove a node where its parent holds it.
import type { Node, Statement } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';
import type { NodeIndex } from '../analysis/walk';

type Comments = { comments?: unknown[] | null };

/** Moves `from`'s comments onto `to` (in front of any it has). */
export function moveComments(from: Node, to: Node): void {
  const c = (from as Comments).comments;
  if (!c?.length) return;
  (to as Comments).comments = [...c, ...((to as Comments).comments ?? [])];
  (from as Comments).comments = null;
}

/** Replaces `old` in `parent` by `replacement` (a list where the slot is a list). */
export function replaceIn(j: JSCodeshift, parent: Node, old: Node, replacement: Node[]): void {
  for (const key of Object.keys(parent)) {
    const value = (parent as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      const at = value.indexOf(old);
      if (at >= 0) {
        value.splice(at, 1, ...replacement);
        return;
      }
    } else if (value === old) {
      const single = replacement.length === 1 ? replacement[0] : (j.blockStatement(replacement as never[]) as unknown as Node);
      (parent as unknown as Record<string, unknown>)[key] = single;
      return;
    }
  }
  throw new Error(`node ${old.type} not found in its parent ${parent.type}`);
}

export function replaceStatement(j: JSCodeshift, index: NodeIndex, old: Statement, replacement: Statement[]): void {
  if (replacement[0]) moveComments(old, replacement[0]);
  replaceIn(j, index.parent(old)!, old, replacement);
}

export function replaceExpression(j: JSCodeshift, index: NodeIndex, old: Node, replacement: Node): void {
  replaceIn(j, index.parent(old)!, old, [replacement]);
}

/** Removes a statement; its comments and `extraComment` go to the next (or previous) statement. */
export function removeStatement(j: JSCodeshift, index: NodeIndex, stmt: Statement, extraComment?: string): void {
  const parent = index.parent(stmt)!;
  const list = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : parent.type === 'SwitchCase' ? parent.consequent : null;
  if (!list) {
    replaceIn(j, parent, stmt, [j.emptyStatement() as unknown as Node]);
    return;
  }
  const at = (list as Statement[]).indexOf(stmt);
  const next = (list as Statement[])[at + 1];
  const prev = (list as Statement[])[at - 1];
  const own = ((stmt as Comments).comments ?? []) as Array<{ leading?: boolean; trailing?: boolean }>;
  const extra = extraComment ? [j.commentLine(extraComment, true, false)] : [];
  if (next) {
    const lead = [...own.map((c) => ({ ...c, leading: true, trailing: false })), ...extra];
    (next as Comments).comments = [...lead, ...((next as Comments).comments ?? [])];
  } else if (prev) {
    const trail = [...own, ...extra].map((c) => ({ ...c, leading: false, trailing: true }));
    (prev as Comments).comments = [...((prev as Comments).comments ?? []), ...trail];
  }
  (list as Statement[]).splice(at, 1);
}
