// A value moved to init is shared by every request of the worker. That is only safe when the
// handler never changes it: every use must read it (or a part of it) and never write, mutate or
// hand the whole object to code we cannot see.
import type { Node } from '@babel/types';
import { dottedName, propertyName } from '../analysis/ast';
import { MUTATING_METHODS } from './module-facts';
import { isReference, patternNames, visitValues } from './scope';

/** Calls that only read their argument. */
const READING_CALLS = new Set(['JSON.parse', 'JSON.stringify', 'String', 'Number', 'Boolean', 'Buffer.from', 'parseInt', 'parseFloat',
  'console.log', 'console.info', 'console.warn', 'console.error', 'console.debug', 'Object.keys', 'Object.entries', 'Object.values']);

/**
 * True when every reference to `names` inside `root` (skipping `skip` nodes) only reads.
 * Locals destructured or copied from a member of a checked value are checked too.
 */
export function usesAreReadOnly(root: Node, names: Iterable<string>, skip: ReadonlySet<Node>): boolean {
  const parents = new Map<Node, Node>();
  const refs: Array<{ node: Node; name: string }> = [];
  const pending = new Set(names);
  const checked = new Set<string>();
  visitValues(root, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === 'Identifier' && isReference(node, parent)) refs.push({ node, name: node.name });
  });
  const skipped = (node: Node) => {
    for (let n: Node | undefined = node; n; n = parents.get(n)) if (skip.has(n)) return true;
    return false;
  };
  while (pending.size) {
    const name = pending.values().next().value as string;
    pending.delete(name);
    checked.add(name);
    for (const ref of refs) {
      if (ref.name !== name || skipped(ref.node)) continue;
      const derived = readOnlyUse(ref.node, parents);
      if (derived === false) return false;
      for (const d of derived) if (!checked.has(d)) pending.add(d);
    }
  }
  return true;
}

/** false for a writing/escaping use; else the local names that now hold a part of the value. */
function readOnlyUse(node: Node, parents: Map<Node, Node>): string[] | false {
  let cur = node;
  let parent = parents.get(cur);
  if (!parent) return [];
  // the declaration of the name itself
  if (parent.type === 'VariableDeclarator' && parent.id === cur) return [];
  if (parent.type === 'ObjectProperty' && parent.value === cur && !parent.shorthand && parents.get(parent)?.type === 'ObjectPattern') return [];
  let member = false;
  while (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === cur) {
    member = true;
    cur = parent;
    parent = parents.get(cur);
  }
  if (!parent) return [];
  switch (parent.type) {
    case 'AssignmentExpression':
      return parent.left === cur ? false : member ? [] : false;
    case 'UpdateExpression':
      return false;
    case 'UnaryExpression':
      return parent.operator === 'delete' ? false : [];
    case 'CallExpression':
    case 'OptionalCallExpression': {
      if (parent.callee === cur) {
        const method = cur.type === 'MemberExpression' || cur.type === 'OptionalMemberExpression' ? propertyName(cur) : null;
        return method && MUTATING_METHODS.has(method) ? false : [];
      }
      if (member) return [];
      const callee = dottedName(parent.callee);
      if (callee === 'Object.assign' || callee === 'Object.defineProperty') return parent.arguments[0] === cur ? false : [];
      return callee && READING_CALLS.has(callee) ? [] : false;
    }
    case 'VariableDeclarator':
      // `const { a } = config` / `const limits = config.limits`: check the new names too
      return patternNames(parent.id);
    case 'SpreadElement':
      return parents.get(parent)?.type === 'CallExpression' ? false : [];
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'IfStatement':
    case 'SwitchStatement':
    case 'AwaitExpression':
    case 'ExpressionStatement':
      return [];
    case 'ConditionalExpression':
      return parent.test === cur || member ? [] : false;
    case 'LogicalExpression':
      return member ? [] : false;
    case 'ReturnStatement':
    case 'ObjectProperty':
    case 'ArrayExpression':
    case 'NewExpression':
      // a part (usually a string or number) may leave; the whole shared object may not
      return member ? [] : false;
    default:
      return member ? [] : false;
  }
}
