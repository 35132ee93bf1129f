// Which code runs at init: module top level, top-level IIFEs, and module functions called from
// there (transitively). Used to find init side effects and secrets loaded once.
import type { File as BabelFile, Node } from '@babel/types';
import { isFunction, unwrapExpression } from '../analysis/ast';
import { declarationOf } from './scope';
import { VISITOR_KEYS } from '../analysis/walk';

/** Calls every node that runs at init (each function body at most once). */
export function visitInitCode(ast: BabelFile, enter: (node: Node) => void): void {
  const functions = new Map<string, Node>();
  for (const stmt of ast.program.body) {
    const decl = declarationOf(stmt);
    if (decl.type === 'FunctionDeclaration' && decl.id) functions.set(decl.id.name, decl.body);
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        const init = unwrapExpression(d.init);
        if (d.id.type === 'Identifier' && isFunction(init)) functions.set(d.id.name, init.body);
      }
    }
  }
  const done = new Set<Node>();
  const walk = (node: Node) => {
    enter(node);
    if (node.type === 'CallExpression') {
      const callee = unwrapExpression(node.callee);
      // an IIFE runs now; so does a module function called now
      if (isFunction(callee)) visitBody(callee.body);
      if (callee?.type === 'Identifier' && functions.has(callee.name)) visitBody(functions.get(callee.name)!);
    }
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const k of Array.isArray(child) ? child : [child]) {
        if (k && typeof (k as Node).type === 'string' && !isFunction(k as Node)) walk(k as Node);
      }
    }
  };
  const visitBody = (body: Node) => {
    if (done.has(body)) return;
    done.add(body);
    walk(body);
  };
  for (const stmt of ast.program.body) {
    const decl = declarationOf(stmt);
    if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') continue;
    walk(stmt);
  }
}
