// How code uses a database connection binding: each reference becomes a method call used for
// its effect (`await c.end();`), a method call used as a value (`await c.query()`), or other.
import type { CallExpression, Identifier, Node, Statement } from '@babel/types';
import { enclosingFunction, propertyName } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { effectStatement } from './statements';

export interface ConnectionUse {
  ref: Identifier;
  /** `c.method(...)`: the method name, else null */
  method: string | null;
  call: CallExpression | null;
  /** the statement when the call is used only for its effect */
  statement: Statement | null;
  /** innermost enclosing function, or null at module level */
  fn: Node | null;
}

export function connectionUses(refs: Identifier[], analysis: FileAnalysis): ConnectionUse[] {
  return refs.map((ref) => {
    const p = analysis.index.parent(ref);
    let method: string | null = null;
    let call: CallExpression | null = null;
    if (p?.type === 'MemberExpression' && p.object === ref) {
      const gp = analysis.index.parent(p);
      if (gp?.type === 'CallExpression' && gp.callee === p) {
        method = propertyName(p);
        call = gp;
      }
    }
    return { ref, method, call, statement: call ? effectStatement(call, analysis) : null, fn: enclosingFunction(ref, analysis.index) ?? null };
  });
}

