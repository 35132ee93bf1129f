// The nodes findOccurrences evaluates, read from the node index instead of walking the program,
// and the order the walk would have met them in. A candidate whose value cannot be a /tmp path
// changes nothing in the walk (it neither records nor hides its children), so it is left out.
import type { Node } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import { callMayMakePath, TMP } from './evaluate';
import type { ModuleFacts } from './module-facts';

/**
 * Strings starting with /tmp, templates, `+` expressions, calls whose callee may make a path, and
 * identifiers named like some variable or function of the file (any function's locals or a module
 * constant); whether an identifier holds a value is decided later with its function's own names.
 */
export function pathCandidates(index: NodeIndex, facts: ModuleFacts): Node[] {
  const out: Node[] = [];
  for (const node of index.ofType('StringLiteral')) if (node.value.startsWith(TMP)) out.push(node);
  out.push(...index.ofType('TemplateLiteral'));
  // only `+` can join a path (any other operator evaluates to nothing)
  for (const node of index.ofType('BinaryExpression')) if (node.operator === '+') out.push(node);
  for (const node of index.ofType('CallExpression')) if (callMayMakePath(node)) out.push(node);
  for (const node of index.ofType('OptionalCallExpression')) if (callMayMakePath(node)) out.push(node);
  const bound = new Set(facts.vars.keys());
  for (const node of index.ofType('VariableDeclarator')) if (node.id.type === 'Identifier' && node.init) bound.add(node.id.name);
  for (const node of index.ofType('FunctionDeclaration')) if (node.id) bound.add(node.id.name);
  for (const node of index.ofType('Identifier')) if (bound.has(node.name)) out.push(node);
  return out;
}

/**
 * The function whose scan meets `node`: the nearest handler function around it, else the
 * outermost function around it; null at module level (init).
 */
export function scanOwner(node: Node, index: NodeIndex, handlerFns: Set<Node>): Node | null {
  let outermost: Node | null = null;
  for (let p = index.parent(node); p; p = index.parent(p)) {
    if (!isFunction(p)) continue;
    if (handlerFns.has(p)) return p;
    outermost = p;
  }
  return outermost;
}

export function isOutermostFunction(fn: Node, index: NodeIndex): boolean {
  for (let p = index.parent(fn); p; p = index.parent(p)) if (isFunction(p)) return false;
  return true;
}
