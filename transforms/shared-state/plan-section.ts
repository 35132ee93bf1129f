// A critical section that must span an await: wrapped in an async-mutex lock, one per module
// binding, or one per key for keyed (Map) state.
import type { Node, Statement } from '@babel/types';
import { isFunction } from '../analysis/ast';
import { visit } from '../analysis/walk';
import { borrowLayout, cloneNode, moveLeadingComments, statementList } from './edit';
import { ensureKeyedLock, ensureLock } from './locks';
import type { ModuleBinding, ModuleModel } from './module-model';
import { patternNames } from './patterns';
import type { RewriteContext } from './types';

export interface Section {
  key: Node | null;
  apply(ctx: RewriteContext): void;
}

export function planSection(statements: Statement[], binding: ModuleBinding, model: ModuleModel, key: Node | null): Section | null {
  const fn = model.innerFunction(statements[0]);
  const list = statementList(statements[0], model.index);
  if (!fn || !fn.async || !list) return null;
  if (statements.some(hasJump)) return null;
  // hoisted declarations would stop being visible to the code after the section
  if (statements.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return null;
  const declared: Array<{ name: string; kind: 'const' | 'let' }> = [];
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration') continue;
    if (s.kind !== 'const' && s.kind !== 'let') return null;
    for (const d of s.declarations) for (const name of patternNames(d.id)) declared.push({ name, kind: s.kind });
  }
  const last = list.indexOf(statements[statements.length - 1]);
  const after = list.slice(last + 1);
  const usedAfter = declared.filter((d) => after.some((s) => mentions(s, d.name)));
  if (usedAfter.length > 1) return null;
  const result = usedAfter[0] ?? null;
  return {
    key,
    apply(ctx) {
      const { j } = ctx;
      const body = [...statements] as unknown[];
      if (result) body.push(j.returnStatement(j.identifier(result.name)));
      const section = j.arrowFunctionExpression([], j.blockStatement(body as never));
      section.async = true;
      const call = key
        ? j.callExpression(j.identifier(ensureKeyedLock(ctx, binding)), [cloneNode(key) as never, section])
        : j.callExpression(j.memberExpression(j.identifier(ensureLock(ctx, binding)), j.identifier('runExclusive')), [section]);
      const awaited = j.awaitExpression(call);
      const replacement = result
        ? j.variableDeclaration(result.kind, [j.variableDeclarator(j.identifier(result.name), awaited)])
        : j.expressionStatement(awaited);
      const at = list.indexOf(statements[0]);
      moveLeadingComments(statements[0], replacement as unknown as Node);
      borrowLayout(replacement as unknown as Node, statements[0], statements[statements.length - 1]);
      list.splice(at, statements.length, replacement as unknown as Statement);
    },
  };
}

/** return / break / continue / yield / var that would change meaning inside a new function. */
function hasJump(stmt: Statement): boolean {
  let found = false;
  visit(stmt, (n) => {
    if (found) return false;
    if (n !== stmt && isFunction(n)) return false;
    if (n.type === 'ReturnStatement' || n.type === 'BreakStatement' || n.type === 'ContinueStatement' ||
      n.type === 'YieldExpression' || (n.type === 'VariableDeclaration' && n.kind === 'var') ||
      (n.type === 'Identifier' && n.name === 'arguments')) found = true;
    return undefined;
  });
  return found;
}

function mentions(node: Node, name: string): boolean {
  let found = false;
  visit(node, (n) => {
    if (n.type === 'Identifier' && n.name === name) found = true;
    return !found;
  });
  return found;
}
