// Conditions around a write that say the file is meant to outlive the invocation: a write in the
// `catch` of a `try` that reads the same file (a cache), or a write guarded by module state
// (`if (!downloaded) …`), which later invocations rely on.
import type { File as BabelFile, Node } from '@babel/types';
import { isFunction } from '../analysis/ast';
import { visit, type NodeIndex } from '../analysis/walk';
import type { Occurrence } from './occurrences';

/** `try { read(p) } catch { write(p) }`: the write fills a cache the read looks for. */
export function writtenWhenReadFails(o: Occurrence, all: Occurrence[], index: NodeIndex, samePath: (c: Occurrence) => boolean): boolean {
  for (let n = index.parent(o.node); n && !isFunction(n); n = index.parent(n)) {
    if (n.type !== 'CatchClause') continue;
    const attempt = (index.parent(n) as { block?: Node } | undefined)?.block;
    if (!attempt) continue;
    if (all.some((c) => c !== o && samePath(c) && within(c.node, attempt))) return true;
  }
  return false;
}

function within(node: Node, container: Node): boolean {
  return (node.start ?? -1) >= (container.start ?? 0) && (node.end ?? -1) <= (container.end ?? 0);
}

/** Names declared at module level by variable declarations (module state and constants, not imports). */
export function moduleVariableNames(ast: BabelFile, imported: Set<string>): Set<string> {
  const names = new Set<string>();
  for (const stmt of ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) {
      visit(d.id, (n) => {
        if (n.type === 'Identifier' && !imported.has(n.name)) names.add(n.name);
      });
    }
  }
  return names;
}

/** The module variable a condition around `node` (inside `fn`) reads, if any: `if (!modelReady) …`. */
export function moduleStateGuard(node: Node, fn: Node, index: NodeIndex, moduleNames: Set<string>): string | null {
  let child = node;
  for (let n = index.parent(node); n && n !== fn; child = n, n = index.parent(n)) {
    const test = guardTest(n, child);
    if (!test) continue;
    let found: string | null = null;
    visit(test, (t, parent) => {
      if (found) return false;
      if (t.type === 'Identifier' && moduleNames.has(t.name) && !(parent?.type === 'MemberExpression' && parent.property === t && !parent.computed)) {
        found = t.name;
      }
      return undefined;
    });
    if (found) return found;
  }
  return null;
}

/** The test expression that decides whether `child` (a part of `n`) runs. */
function guardTest(n: Node, child: Node): Node | null {
  switch (n.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return n.test === child ? null : n.test;
    case 'LogicalExpression':
      return n.right === child ? n.left : null;
    case 'WhileStatement':
    case 'DoWhileStatement':
      return n.test;
    case 'SwitchStatement':
      return n.discriminant;
    default:
      return null;
  }
}
