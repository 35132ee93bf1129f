// Passing a per-request value to the in-file functions that read it: one more parameter, one more
// argument at each call (only when every call is the handler's own and passes every parameter).
import type { CallExpression, Identifier, Node } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import { cloneNode } from './edit';
import type { ModuleBinding, ModuleModel } from './module-model';
import type { RewriteContext } from './types';

export interface ThreadedHelper {
  fn: FunctionNode;
  calls: CallExpression[];
}

/** Calls of a non-exported module function, all made by the handler after `start` with every parameter passed; null otherwise. */
export function helperCalls(fn: FunctionNode, handler: FunctionNode, inScopeAfter: (n: Node) => boolean, model: ModuleModel): CallExpression[] | null {
  const named = [...model.bindings.values()].find((b) => b.fn === fn);
  if (!named || named.exported) return null;
  if (fn.params.some((p) => p.type === 'RestElement' || p.type === 'TSParameterProperty')) return null;
  const calls: CallExpression[] = [];
  for (const r of named.refs) {
    const call = model.index.parent(r.id);
    if (call?.type !== 'CallExpression' || call.callee !== r.id || r.top !== handler) return null;
    if (!inScopeAfter(call)) return null;
    if (call.arguments.length !== fn.params.length || call.arguments.some((a) => a.type === 'SpreadElement')) return null;
    calls.push(call);
  }
  return calls.length ? calls : null;
}

/** Appends the binding's name as a parameter of each helper (typed like the module binding) and as an argument of each call. */
export function threadThrough(ctx: RewriteContext, binding: ModuleBinding, helpers: ThreadedHelper[]): void {
  const { j } = ctx;
  const annotation = (binding.declarator?.id as Identifier | undefined)?.typeAnnotation;
  for (const helper of helpers) {
    const param = j.identifier(binding.name);
    if (ctx.typescript && annotation) param.typeAnnotation = cloneNode(annotation as Node) as never;
    helper.fn.params.push(param as never);
    for (const call of helper.calls) call.arguments.push(j.identifier(binding.name) as never);
  }
}
