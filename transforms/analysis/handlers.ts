// Finds the Lambda handler functions of a file, whatever the export style.
import type { File as BabelFile, Node, Statement } from '@babel/types';
import { dottedName, isFunction, unwrapExpression, type FunctionNode } from './ast';

export interface HandlerInfo {
  /** exported name ('handler', 'main', 'default', …) */
  exportName: string;
  /** the function that receives (event, context[, callback]) */
  fn: FunctionNode;
  /** names of the wrapping calls, outermost first (`['middy']`, `['awslambda.streamifyResponse']`) */
  wrappers: string[];
  /** the node that exports it (for positions) */
  exportNode: Node;
}

const HANDLER_NAME = /^(handler|main|default)$|Handler$/;

export function isHandlerName(name: string, hints: readonly string[] = []): boolean {
  return HANDLER_NAME.test(name) || hints.includes(name);
}

/** Module-level declarations by name (functions, variables with an initializer, classes). */
export function moduleDeclarations(ast: BabelFile): Map<string, Node> {
  const decls = new Map<string, Node>();
  const add = (stmt: Statement | Node | null | undefined) => {
    if (!stmt) return;
    if (stmt.type === 'FunctionDeclaration' && stmt.id) decls.set(stmt.id.name, stmt);
    else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init) decls.set(d.id.name, d.init);
    } else if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration) {
      add(stmt.declaration);
    }
  };
  for (const stmt of ast.program.body) add(stmt);
  return decls;
}

/** Follows identifiers and wrapper calls (`middy(base).use(x)`) down to a function. */
export function resolveFunction(
  expr: Node | null | undefined,
  decls: Map<string, Node>,
  wrappers: string[] = [],
  depth = 0,
): { fn: FunctionNode; wrappers: string[] } | null {
  const n = unwrapExpression(expr);
  if (!n || depth > 8) return null;
  if (isFunction(n)) return { fn: n, wrappers };
  if (n.type === 'Identifier') return resolveFunction(decls.get(n.name), decls, wrappers, depth + 1);
  if (n.type === 'CallExpression') {
    const callee = unwrapExpression(n.callee);
    // middy(base).use(mw): the handler is in the chain's head, not in the middleware arguments
    // (middy().use(mw).handler(base) names it as the argument of `.handler`)
    if (callee?.type === 'MemberExpression' && unwrapExpression(callee.object)?.type === 'CallExpression' &&
      !(callee.property.type === 'Identifier' && callee.property.name === 'handler')) {
      const found = resolveFunction(callee.object, decls, wrappers, depth + 1);
      if (found) return found;
    }
    const name = chainHeadName(n);
    for (const arg of n.arguments) {
      const found = resolveFunction(arg, decls, [...wrappers, name ?? '(call)'], depth + 1);
      if (found) return found;
    }
    if (callee && callee.type === 'MemberExpression') return resolveFunction(callee.object, decls, wrappers, depth + 1);
  }
  return null;
}

/** `withX(…)` → 'withX'; `awslambda.streamifyResponse(…)` → that; `middy().use(m).handler(…)` → 'middy'. */
function chainHeadName(call: Node): string | null {
  let n = unwrapExpression(call);
  while (n?.type === 'CallExpression') {
    const callee = unwrapExpression(n.callee);
    if (callee?.type === 'MemberExpression' && unwrapExpression(callee.object)?.type === 'CallExpression') n = unwrapExpression(callee.object);
    else return dottedName(callee);
  }
  return null;
}

/** Every exported binding of the module as [exportedName, value expression, export node]. */
export function moduleExports(ast: BabelFile): Array<[string, Node, Node]> {
  const out: Array<[string, Node, Node]> = [];
  // needed only for `export { a as b }`
  let decls: Map<string, Node> | undefined;
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      const d = stmt.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id) out.push([d.id.name, d, stmt]);
      else if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) out.push([v.id.name, v.init, stmt]);
      }
      if (!stmt.source) {
        for (const s of stmt.specifiers) {
          if (s.type !== 'ExportSpecifier') continue;
          const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
          const local = (decls ??= moduleDeclarations(ast)).get(s.local.name);
          if (local) out.push([exported, local, stmt]);
        }
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      out.push(['default', stmt.declaration, stmt]);
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      out.push(...commonJsExports(stmt));
    }
  }
  return out;
}

/** `exports.a = v`, `module.exports.a = v`, `module.exports = { a, b() {} }`, `module.exports = v` (→ 'default'). */
function commonJsExports(stmt: Extract<Statement, { type: 'ExpressionStatement' }>): Array<[string, Node, Node]> {
  const out: Array<[string, Node, Node]> = [];
  // `exports.handler = exports.main = fn` gives every target the innermost value
  const targets: string[] = [];
  let right: Node = stmt.expression;
  while (right.type === 'AssignmentExpression' && right.operator === '=') {
    const target = dottedName(right.left);
    if (target) targets.push(target);
    right = right.right;
  }
  for (const target of targets) {
    const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
    if (m) out.push([m[1], right, stmt]);
    if (target !== 'module.exports') continue;
    const value = unwrapExpression(right);
    if (value?.type !== 'ObjectExpression') {
      if (value) out.push(['default', value, stmt]);
      continue;
    }
    for (const p of value.properties) {
      if (p.type === 'ObjectProperty' && !p.computed) {
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
        if (key) out.push([key, p.value, stmt]);
      } else if (p.type === 'ObjectMethod' && !p.computed && p.key.type === 'Identifier') {
        out.push([p.key.name, p, stmt]);
      }
    }
  }
  return out;
}

/**
 * The handlers of a file: exports named like handlers (`handler`, `main`, `*Handler`, default)
 * or named by a SAM/Serverless/CDK handler string (`hints`), that resolve to a function.
 */
export function findHandlers(ast: BabelFile, hints: readonly string[] = []): HandlerInfo[] {
  // built only once an export has a handler's name: most modules have none
  let decls: Map<string, Node> | undefined;
  const seen = new Set<FunctionNode>();
  const handlers: HandlerInfo[] = [];
  for (const [exportName, value, exportNode] of moduleExports(ast)) {
    if (!isHandlerName(exportName, hints)) continue;
    const found = resolveFunction(value, (decls ??= moduleDeclarations(ast)));
    if (!found || seen.has(found.fn)) continue;
    seen.add(found.fn);
    handlers.push({ exportName, fn: found.fn, wrappers: found.wrappers, exportNode });
  }
  return handlers;
}

/** True for `awslambda.streamifyResponse(...)`-wrapped handlers (3 parameters are legitimate). */
export function isStreamingHandler(h: HandlerInfo): boolean {
  return h.wrappers.some((w) => /(^|\.)streamifyResponse$/.test(w));
}
