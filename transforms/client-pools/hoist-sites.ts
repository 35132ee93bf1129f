// The part of hoisting shared by every client family: where a construction sits in its
// function (a local `const x = new X()` or inline), whether its arguments are the same for
// every request, and whether request data flows into them.
import type { Identifier, Node, Statement, VariableDeclaration, VariableDeclarator } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { unwrapExpression } from '../analysis/ast';
import { visit } from '../analysis/walk';
import { isIndependent, type IndependenceEnv } from './independence';
import type { InvocationFunction } from './invocation-functions';
import { mentionsAny } from './request-taint';
import { functionFacts } from './function-facts';
import { isReference, patternNames, referencesInside } from './scope';
import { statementList } from './statements';

export interface DeclaredLocal {
  declarator: VariableDeclarator;
  declaration: VariableDeclaration;
  name: string;
  /** every other reference to the local inside its function */
  refs: Identifier[];
}

export type ArgsVerdict = 'independent' | 'request' | 'local';

/** `const x = <node>` (or `let` never reassigned) directly in a statement list, else null. */
export function declaredLocal(node: Node, fn: InvocationFunction, analysis: FileAnalysis): DeclaredLocal | 'other' | null {
  let p = analysis.index.parent(node);
  let child: Node = node;
  while (p && (p.type === 'AwaitExpression' || p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'ParenthesizedExpression')) {
    child = p;
    p = analysis.index.parent(p);
  }
  if (p?.type !== 'VariableDeclarator' || p.init !== child) return null;
  const declaration = analysis.index.parent(p);
  if (declaration?.type !== 'VariableDeclaration' || p.id.type !== 'Identifier' || !statementList(declaration, analysis)) return 'other';
  const name = p.id.name;
  const facts = functionFacts(analysis, fn.fn);
  if ((facts.declarations.get(name) ?? 0) !== 1) return 'other';
  const refs = referencesInside(analysis, fn.fn, name).filter((r) => r !== p.id);
  if (declaration.kind !== 'const' && refs.some((r) => isAssigned(r, analysis))) return 'other';
  return { declarator: p, declaration, name, refs };
}

function isAssigned(ref: Identifier, analysis: FileAnalysis): boolean {
  const p = analysis.index.parent(ref);
  return (p?.type === 'AssignmentExpression' && p.left === ref) || p?.type === 'UpdateExpression';
}

export function argumentsVerdict(node: Node, fn: InvocationFunction, analysis: FileAnalysis, env: IndependenceEnv): ArgsVerdict {
  const args = node.type === 'NewExpression' || node.type === 'CallExpression' ? node.arguments : [];
  const facts = functionFacts(analysis, fn.fn);
  // clients read process.env (region, credentials, PG* variables) when built: per-request env writes pin them here
  if (!facts.writesClientGlobals && args.every((a) => isIndependent(a.type === 'SpreadElement' ? a.argument : a, env))) return 'independent';
  // only now is the request taint needed (most clients are built from constants)
  const tainted = facts.requestTaint;
  return args.some((a) => mentionsAny(a, tainted)) ? 'request' : 'local';
}

/** Names of module-level bindings an expression refers to (to place hoisted code after them). */
export function moduleNamesUsed(node: Node, moduleNames: Set<string>, localNames: Set<string>): string[] {
  const out = new Set<string>();
  visit(node, (n, parent) => {
    if (n.type === 'Identifier' && isReference(n, parent) && moduleNames.has(n.name) && !localNames.has(n.name)) out.add(n.name);
  });
  return [...out];
}

/** name → the top-level statement that declares it. */
export function moduleStatements(program: { body: Statement[] }): Map<string, Statement> {
  const out = new Map<string, Statement>();
  for (const stmt of program.body) {
    const decl = (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration ? stmt.declaration : stmt;
    if (decl.type === 'ImportDeclaration') for (const s of decl.specifiers) out.set(s.local.name, stmt);
    else if (decl.type === 'VariableDeclaration') for (const d of decl.declarations) for (const id of patternNames(d.id)) out.set(id.name, stmt);
    else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) out.set(decl.id.name, stmt);
  }
  return out;
}

/** The construction is stored somewhere that outlives the call (a cache or a module binding). */
export function isCachedConstruction(node: Node, analysis: FileAnalysis): boolean {
  const p = analysis.index.parent(node);
  const u = p && unwrapExpression(p);
  if (!p || !u) return false;
  if (p.type === 'AssignmentExpression' && p.right === node) return true;
  if (p.type === 'CallExpression' && p.arguments.includes(node as never)) {
    const callee = unwrapExpression(p.callee);
    return callee?.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'set';
  }
  return false;
}
