// What a call to the Lambda callback (or context.succeed/fail/done) means for the response.
// The old runtime: callback(err, result) fails when `err` is neither null nor undefined, else
// succeeds with `result`; only the first completion counts.
import type { CallExpression, Expression, Node } from '@babel/types';
import { propertyName, unwrapExpression } from '../analysis/ast';

export type Completion =
  | { kind: 'return'; value: Expression | null }
  | { kind: 'throw'; error: Expression }
  /** error not known to be null or non-null: `if (error != null) throw error; return value` */
  | { kind: 'both'; error: Expression; value: Expression | null };

/** The names that complete an invocation inside one handler. */
export interface CompletionNames {
  callback: string | null;
  context: string | null;
}

export const LEGACY_CONTEXT_METHODS = new Set(['succeed', 'fail', 'done']);

export function isNullish(node: Node | null | undefined): boolean {
  const n = unwrapExpression(node);
  return !n || n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
}

/** Expressions that are certainly neither null nor undefined. */
function isDefinitelyValue(node: Node): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  return [
    'NewExpression',
    'StringLiteral',
    'TemplateLiteral',
    'NumericLiteral',
    'BooleanLiteral',
    'ObjectExpression',
    'ArrayExpression',
  ].includes(n.type);
}

/** Error and value may be evaluated twice (test and use): only plain names and member chains. */
function isRepeatable(node: Node): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  if (n.type === 'Identifier') return true;
  if (n.type === 'MemberExpression' && !n.computed) return isRepeatable(n.object);
  return false;
}

/** `callback(...)`, `context.succeed(...)`, `context.fail(...)`, `context.done(...)`; else null. */
export function completionKindOf(call: Node, names: CompletionNames): 'callback' | 'succeed' | 'fail' | 'done' | null {
  if (call.type !== 'CallExpression') return null;
  const callee = unwrapExpression(call.callee);
  if (!callee) return null;
  if (names.callback && callee.type === 'Identifier' && callee.name === names.callback) return 'callback';
  if (names.context && callee.type === 'MemberExpression') {
    const obj = unwrapExpression(callee.object);
    const method = propertyName(callee);
    if (obj?.type === 'Identifier' && obj.name === names.context && method && LEGACY_CONTEXT_METHODS.has(method)) {
      return method as 'succeed' | 'fail' | 'done';
    }
  }
  return null;
}

/** The completion a call stands for, or a reason why it cannot be rewritten. */
export function classifyCompletion(call: CallExpression, names: CompletionNames): Completion | { reason: string } {
  const kind = completionKindOf(call, names);
  if (!kind) return { reason: 'not a completion call' };
  if (call.arguments.some((a) => a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder')) {
    return { reason: 'completion called with spread arguments' };
  }
  const args = call.arguments as Expression[];
  if (kind === 'succeed') {
    if (args.length > 1) return { reason: 'context.succeed(message, object) is not rewritten' };
    return { kind: 'return', value: args[0] ?? null };
  }
  if (kind === 'fail') {
    if (args.length !== 1 || isNullish(args[0])) return { reason: 'context.fail without an error is not rewritten' };
    return { kind: 'throw', error: args[0] };
  }
  if (args.length > 2) return { reason: 'callback called with more than two arguments' };
  const [error, value] = args;
  if (isNullish(error)) return { kind: 'return', value: value ?? null };
  // callback(err) and callback(err, null): the contract is `throw err`
  if (args.length === 1 || isNullish(value) || isDefinitelyValue(error)) return { kind: 'throw', error };
  if (!isRepeatable(error)) return { reason: 'callback(error, value) with a computed error is not rewritten' };
  return { kind: 'both', error, value: value ?? null };
}

export function isCompletion(value: Completion | { reason: string }): value is Completion {
  return 'kind' in value;
}
