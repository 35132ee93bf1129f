// The functions that run once per invocation: the handlers, and the module-level functions
// they call by name (transitively). Code inside them runs for every request.
import type { File as BabelFile, CallExpression, Identifier, NewExpression, Node, Statement } from '@babel/types';
import { isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { memoOn } from '../analysis/memo';
import { isInside, sortInTreeOrder } from '../analysis/walk';

export interface InvocationFunction {
  fn: FunctionNode;
  /** the top-level statement that contains it (hoisted code goes before this) */
  statement: Statement;
  /** export name for handlers, function name for helpers */
  name: string;
  isHandler: boolean;
}

/** Module-level named functions: `function f() {}` and `const f = () => {}`, with their statements. */
function moduleFunctions(ast: BabelFile): Map<string, { fn: FunctionNode; statement: Statement }> {
  const out = new Map<string, { fn: FunctionNode; statement: Statement }>();
  for (const stmt of ast.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type === 'FunctionDeclaration' && decl.id) out.set(decl.id.name, { fn: decl, statement: stmt });
    else if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        const init = unwrapExpression(d.init);
        if (d.id.type === 'Identifier' && isFunction(init)) out.set(d.id.name, { fn: init, statement: stmt });
      }
    }
  }
  return out;
}

export function topLevelStatementOf(node: Node, analysis: FileAnalysis): Statement {
  let n: Node = node;
  for (let p = analysis.index.parent(n); p && p.type !== 'Program'; p = analysis.index.parent(n)) n = p;
  return n as Statement;
}

/**
 * The calls and `new`s of a module function by name (`f()`, `new F()`), in tree order: from the
 * node index, so finding the invocation functions walks none of them.
 */
function helperCalls(analysis: FileAnalysis, helpers: Map<string, unknown>): Array<CallExpression | NewExpression> {
  const out: Array<CallExpression | NewExpression> = [];
  for (const type of ['CallExpression', 'NewExpression'] as const) {
    for (const node of analysis.index.ofType(type)) if (node.callee.type === 'Identifier' && helpers.has(node.callee.name)) out.push(node);
  }
  return sortInTreeOrder(out, analysis.index);
}

const INVOCATION_FUNCTIONS = {};

/** Computed once per analysis: every client-pools plan (rule and transform) asks for it. */
export function invocationFunctions(analysis: FileAnalysis): InvocationFunction[] {
  return memoOn(analysis, INVOCATION_FUNCTIONS, () => findInvocationFunctions(analysis));
}

function findInvocationFunctions(analysis: FileAnalysis): InvocationFunction[] {
  const out: InvocationFunction[] = [];
  const seen = new Set<FunctionNode>();
  for (const h of analysis.handlers) {
    if (seen.has(h.fn)) continue;
    seen.add(h.fn);
    out.push({ fn: h.fn, statement: topLevelStatementOf(h.fn, analysis), name: h.exportName, isHandler: true });
  }
  const helpers = moduleFunctions(analysis.ast);
  const calls = helperCalls(analysis, helpers);
  for (let i = 0; i < out.length; i++) {
    // the helpers its body calls, in the order a walk of the body meets the calls
    for (const node of calls) {
      if (!isInside(analysis.index, node, out[i].fn.body)) continue;
      const name = (node.callee as Identifier).name;
      const helper = helpers.get(name);
      if (!helper || seen.has(helper.fn)) continue;
      seen.add(helper.fn);
      out.push({ fn: helper.fn, statement: helper.statement, name, isHandler: false });
    }
  }
  return out;
}

/** "on every invocation of `handler`" / "in `connect()`, which the handler calls": for messages. */
export function perInvocationPlace(fn: InvocationFunction): string {
  return fn.isHandler ? `on every invocation of \`${fn.name}\`` : `in \`${fn.name}()\`, which runs per invocation (the handler calls it)`;
}
