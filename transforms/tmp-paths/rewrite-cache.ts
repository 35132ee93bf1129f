// Makes one write of a shared /tmp file atomic: the write goes to a unique file next to it,
// which is then renamed over the shared path.
//   const partial = `${MODEL}.${randomUUID()}.tmp`;
//   await writeFile(partial, data);
//   await rename(partial, MODEL);
import type { JSCodeshift } from 'jscodeshift';
import type { Node, Statement } from '@babel/types';
import { cloneNode } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import type { Callable } from './callables';
import type { CacheFix } from './plan';
import { replaceChild } from '../analysis/replace-child';

export function rewriteCacheWrite(fix: CacheFix, j: JSCodeshift, call: Callable, index: NodeIndex, name: string): void {
  const statement = fix.statement as Statement;
  const holder = index.parent(statement)!;
  const target = cloneNode(fix.path, true, true);
  const pathParent = index.parent(fix.path)!;
  replaceChild(pathParent, fix.path, j.identifier(name) as Node);

  const declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), partialName(fix.path, j, call) as never)]);
  const rename = fix.timing === 'sync'
    ? j.callExpression(call('fs', 'renameSync') as never, [j.identifier(name), target as never])
    : j.awaitExpression(j.callExpression(call('fs/promises', 'rename') as never, [j.identifier(name), target as never]));
  const statements = [declaration, statement, j.expressionStatement(rename)] as unknown as Statement[];
  if (holder.type !== "Program") moveLeadingComments(statement, declaration as unknown as Node);

  if (holder.type === 'IfStatement') {
    replaceChild(holder, statement, j.blockStatement(statements as never) as Node);
    return;
  }
  const body = (holder as { body: Statement[] }).body;
  body.splice(body.indexOf(statement), 1, ...statements);
}

/** `${path}.${randomUUID()}.tmp`, written as one template literal when the path is a literal. */
function partialName(path: Node, j: JSCodeshift, call: Callable): Node {
  const uuid = j.callExpression(call('crypto', 'randomUUID') as never, []);
  const n = unwrapExpression(path)!;
  const raw = (s: string) => s.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);
  if (n.type === 'StringLiteral') {
    return j.templateLiteral(
      [j.templateElement({ raw: `${raw(n.value)}.`, cooked: `${n.value}.` }, false), j.templateElement({ raw: '.tmp', cooked: '.tmp' }, true)],
      [uuid],
    ) as Node;
  }
  return j.templateLiteral(
    [
      j.templateElement({ raw: '', cooked: '' }, false),
      j.templateElement({ raw: '.', cooked: '.' }, false),
      j.templateElement({ raw: '.tmp', cooked: '.tmp' }, true),
    ],
    [cloneNode(path, true, true) as never, uuid],
  ) as Node;
}

type Commented = { comments?: Array<{ leading?: boolean }> | null };

/** A comment above the write describes the whole write, which now starts with the declaration. */
function moveLeadingComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  const leading = (src.comments ?? []).filter((c) => c.leading);
  if (leading.length === 0) return;
  src.comments = (src.comments ?? []).filter((c) => !c.leading);
  (to as unknown as Commented).comments = leading;
}
