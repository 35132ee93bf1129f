// Where a function can be suspended: its own `await`, `for await` heads and `yield`
// (not those of nested functions, which suspend only themselves).
import type { Node } from '@babel/types';
import { isFunction, type FunctionNode } from './ast';
import { visit } from './walk';

/** Source span [start, end] of every suspension point of `fn` itself, in source order. */
export function awaitSpans(fn: FunctionNode, from = -Infinity, to = Infinity): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  visit(fn.body, (node: Node) => {
    if (node !== fn && isFunction(node)) return false;
    // skip subtrees that lie wholly outside the range
    if (node.end != null && node.end < from) return false;
    if (node.start != null && node.start > to) return false;
    if ((node.type === 'AwaitExpression' || node.type === 'YieldExpression') && node.start != null && node.end != null) {
      spans.push([node.start, node.end]);
    } else if (node.type === 'ForOfStatement' && node.await && node.start != null && node.body.start != null) {
      // the loop waits at its head before each iteration
      spans.push([node.start, node.body.start]);
    }
    return undefined;
  });
  return spans;
}

/**
 * True when `fn` itself awaits (or yields) somewhere between two source offsets: a suspension point
 * that starts at or after `fromPos` and ends at or before `toPos`. For `x += await f()`, pass the end
 * of the read of `x` and the end of the assignment (where the write happens).
 */
export function hasAwaitBetween(fn: FunctionNode, fromPos: number, toPos: number): boolean {
  if (!fn.async && !fn.generator) return false;
  return awaitSpans(fn, fromPos, toPos).some(([start, end]) => start >= fromPos && end <= toPos);
}
