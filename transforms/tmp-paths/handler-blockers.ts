// Whether a handler's body can be wrapped in mkdtemp … try { … } finally { rm }: the cleanup must
// run after every use of the path has finished.
import type { Node } from '@babel/types';
import { enclosingFunction, isFunction, type FunctionNode } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import { referencesIn, type Occurrence } from './occurrences';
import { mayBePromise } from './may-be-promise';
import { usesOfAll } from './path-groups';
import type { Blocker } from './plan';

export function handlerBlockers(fn: FunctionNode, occs: Occurrence[], index: NodeIndex): Blocker | null {
  if (fn.generator) return { why: 'the handler is a generator', hint: 'Create a unique directory per invocation by hand.' };
  const uses = usesOfAll(occs);
  if (!fn.async) {
    const later = uses.find((u) => u.timing !== 'sync' && u.timing !== 'none');
    if (later) {
      return {
        why: `the handler is not async and ${later.fn ?? 'a call'} finishes after it returns, so a finally cannot clean up after it`,
        hint: 'Make the handler async and await the work, then use mkdtemp + rm in a finally.',
      };
    }
    return null;
  }
  const callback = uses.find((u) => u.timing === 'callback' && u.call && !insidePromiseExecutor(u.call, fn, index));
  if (callback) {
    return {
      why: `${callback.fn} is called with a callback that is not awaited, so the handler may finish before it`,
      hint: 'Use the promise API (node:fs/promises, util.promisify) and await it, then use mkdtemp + rm in a finally.',
    };
  }
  const pending = uses.find((u) => (u.timing === 'stream' || u.timing === 'promise') && u.call && !completionAwaited(u.call, fn, index));
  if (pending) {
    const what = pending.timing === 'stream' ? `the ${pending.fn} stream` : `${pending.fn}()`;
    return {
      why: `${what} is not awaited, so the handler may return (and remove the directory) before it is done`,
      hint: 'Await the work on the file (for streams: stream/promises pipeline or finished), then use mkdtemp + rm in a finally.',
    };
  }
  return null;
}

/**
 * Work the handler waits for: inside an awaited expression or a `return` of the handler (the
 * rewrite awaits those), or kept in a local that is later awaited on (`await finished(out)`).
 */
function completionAwaited(call: Node, fn: Node, index: NodeIndex): boolean {
  if (awaitedHere(call, fn, index)) return true;
  let n: Node = call;
  let parent = index.parent(n);
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'ParenthesizedExpression')) {
    n = parent;
    parent = index.parent(n);
  }
  if (parent?.type !== 'VariableDeclarator' || parent.init !== n || parent.id.type !== 'Identifier') return false;
  return referencesIn(fn, parent.id.name).some((ref) => awaitedHere(ref, fn, index));
}

function awaitedHere(node: Node, fn: Node, index: NodeIndex): boolean {
  let prev = node;
  let n = index.parent(node);
  while (n && n !== fn) {
    if (n.type === 'AwaitExpression') return true;
    if (n.type === 'ReturnStatement') return !!n.argument && mayBePromise(n.argument) && enclosingFunctionIs(n, fn, index);
    if (isFunction(n)) {
      // a `.then(() => …)` callback or a `new Promise(…)` executor settles the outer promise
      const call = index.parent(n);
      if (!call || !settlesOuterPromise(call, n)) return false;
    }
    prev = n;
    n = index.parent(n);
  }
  // `async (e) => expr`: the rewrite turns the body into `return await expr`
  const body = (fn as { body: Node }).body;
  return n === fn && body === prev && body.type !== 'BlockStatement' && mayBePromise(body);
}

function settlesOuterPromise(call: Node, callback: Node): boolean {
  if (call.type === 'NewExpression') return call.callee.type === 'Identifier' && call.callee.name === 'Promise';
  if (call.type !== 'CallExpression' || !call.arguments.includes(callback as never)) return false;
  const callee = call.callee;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' &&
    ['then', 'catch', 'finally'].includes(callee.property.name);
}

function enclosingFunctionIs(node: Node, fn: Node, index: NodeIndex): boolean {
  return enclosingFunction(node, index) === fn;
}

/** `await new Promise((resolve) => fs.writeFile(p, d, resolve))`: the callback call is awaited. */
function insidePromiseExecutor(call: Node, fn: Node, index: NodeIndex): boolean {
  let n = index.parent(call);
  while (n && n !== fn) {
    if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Promise') return true;
    n = index.parent(n);
  }
  return false;
}
