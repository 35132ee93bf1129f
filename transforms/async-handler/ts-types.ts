// TypeScript signatures of a handler that becomes async: `(…, callback: Callback<R>): void`
// → `(…): Promise<R>`; a synchronous `(…): R` → `(…): Promise<R>`.
import type { JSCodeshift } from 'jscodeshift';
import type { Node, TSType } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';

function promiseOf(j: JSCodeshift, t: Node): Node {
  return j.tsTypeReference(j.identifier('Promise'), j.tsTypeParameterInstantiation([t as never])) as unknown as Node;
}

function isPromiseType(t: TSType): boolean {
  return t.type === 'TSTypeReference' && t.typeName.type === 'Identifier' && t.typeName.name === 'Promise';
}

/** The `R` of a `callback: Callback<R>` parameter (`any` for a bare `Callback`), else null. */
function callbackResultType(j: JSCodeshift, param: Node | undefined): Node | null {
  const ann = (param as { typeAnnotation?: { typeAnnotation?: TSType } } | undefined)?.typeAnnotation?.typeAnnotation;
  if (!ann || ann.type !== 'TSTypeReference' || ann.typeName.type !== 'Identifier' || ann.typeName.name !== 'Callback') return null;
  const arg = ann.typeParameters?.params[0];
  return arg ?? (j.tsAnyKeyword() as unknown as Node);
}

/**
 * Call before the callback parameter is removed. `returnsValue`: the rewrite turned a completion
 * into `return <value>`, so a `void` annotation no longer fits (dropped unless Callback<R> says R).
 */
export function updateReturnType(j: JSCodeshift, fn: FunctionNode, callbackParam: Node | undefined, returnsValue: boolean): void {
  const ret = fn.returnType;
  if (!ret || ret.type !== 'TSTypeAnnotation') return;
  const t = ret.typeAnnotation;
  if (isPromiseType(t)) return;
  if (t.type === 'TSVoidKeyword' || t.type === 'TSUndefinedKeyword') {
    const r = callbackParam ? callbackResultType(j, callbackParam) : null;
    if (r) ret.typeAnnotation = promiseOf(j, r) as TSType;
    else if (returnsValue) fn.returnType = null;
    else ret.typeAnnotation = promiseOf(j, t) as TSType;
    return;
  }
  ret.typeAnnotation = promiseOf(j, t) as TSType;
}
