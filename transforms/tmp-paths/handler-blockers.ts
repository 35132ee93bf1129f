// Whether a handler's body can be wrapped in mkdtemp … try { … } finally { rm }: the cleanup must
// run after every use of the path has finished.
import type { Node } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import type { Occurrence } from './occurrences';
import type { Blocker } from './plan';

export function handlerBlockers(fn: FunctionNode, occs: Occurrence[], index: NodeIndex): Blocker | null {
  if (fn.generator) return { why: 'the handler is a generator', hint: 'Create a unique directory per invocation by hand.' };
  const uses = occs.flatMap((o) => o.uses);
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
  return null;
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
