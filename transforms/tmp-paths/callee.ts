// Resolves what a call's callee is: a function of a module (through imports, `require('x').f`,
// `fs.promises.f`, `promisify(execFile)`), a function of this file, or something unknown.
import type { MemberExpression, Node, OptionalMemberExpression } from '@babel/types';
import { requireSource, staticString, unwrapExpression } from '../analysis/ast';
import { moduleKey } from '../analysis/module-specifier';
import type { ModuleFacts } from './module-facts';

export type Callee =
  /** `module` is a key without `node:`; `path` the member chain below it (['promises', 'writeFile']) */
  | { kind: 'module'; module: string; path: string[]; promisified?: boolean }
  | { kind: 'local'; name: string }
  | { kind: 'global'; path: string[] }
  | { kind: 'unknown' };

/** Names bound inside the function being analysed (local helpers, parameters). */
export type LocalLookup = (name: string) => Node | undefined;

export function resolveCallee(callee: Node, facts: ModuleFacts, local: LocalLookup = () => undefined, depth = 0): Callee {
  const chain: string[] = [];
  let n = unwrapExpression(callee);
  while (n && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression')) {
    const key = memberKey(n);
    if (key === null) return { kind: 'unknown' };
    chain.unshift(key);
    n = unwrapExpression(n.object);
  }
  if (!n) return { kind: 'unknown' };
  const req = requireSource(n);
  if (req !== null) return { kind: 'module', module: moduleKey(req), path: chain };
  if (n.type !== 'Identifier') return { kind: 'unknown' };
  const inFunction = local(n.name);
  if (inFunction) return chain.length ? { kind: 'unknown' } : { kind: 'local', name: n.name };
  const imported = facts.imports.get(n.name);
  if (imported) {
    const path = imported.name === '*' ? chain : [imported.name, ...chain];
    return { kind: 'module', module: imported.source, path };
  }
  if (facts.functions.has(n.name)) return chain.length ? { kind: 'unknown' } : { kind: 'local', name: n.name };
  const v = facts.vars.get(n.name);
  if (v && depth < 4) {
    const init = unwrapExpression(v.init);
    if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
      return chain.length ? { kind: 'unknown' } : { kind: 'local', name: n.name };
    }
    // const execFileAsync = promisify(execFile)
    if (init?.type === 'CallExpression' && chain.length === 0 && init.arguments.length === 1) {
      const wrapper = resolveCallee(init.callee, facts, () => undefined, depth + 1);
      if (wrapper.kind === 'module' && wrapper.module === 'util' && wrapper.path.join('.') === 'promisify') {
        const inner = resolveCallee(init.arguments[0] as Node, facts, () => undefined, depth + 1);
        return inner.kind === 'module' ? { ...inner, promisified: true } : { kind: 'unknown' };
      }
    }
    // const fsp = fs.promises
    if (init && (init.type === 'MemberExpression' || init.type === 'Identifier')) {
      const base = resolveCallee(init, facts, () => undefined, depth + 1);
      if (base.kind === 'module') return { ...base, path: [...base.path, ...chain] };
    }
    return { kind: 'unknown' };
  }
  if (v) return { kind: 'unknown' };
  return { kind: 'global', path: [n.name, ...chain] };
}

/** The static key of a member expression (`a.b`, `a['b']`), else null (resolveCallee's chain keys). */
export function memberKey(n: MemberExpression | OptionalMemberExpression): string | null {
  return !n.computed && n.property.type === 'Identifier' ? n.property.name : staticString(n.property);
}

/** The function name of a module callee, seen through `fs.promises` (`fs` + ['promises','readFile'] → fs/promises readFile). */
export function moduleFunction(c: Callee): { module: string; fn: string } | null {
  if (c.kind !== 'module' || c.path.length === 0) return null;
  if (c.path.length === 2 && c.path[0] === 'promises' && c.module === 'fs') return { module: 'fs/promises', fn: c.path[1] };
  if (c.path.length === 2 && c.path[0] === 'default') return { module: c.module, fn: c.path[1] };
  if (c.path.length !== 1) return null;
  return { module: c.module, fn: c.path[0] };
}
