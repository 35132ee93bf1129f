// The module constants a handler's rewrite re-declares: the ones it reads, and the /tmp path
// constants their initializers are built from.
import { visit } from '../analysis/walk';
import { tmpPathValue } from './evaluate';
import type { ModuleFacts, ModuleVar } from './module-facts';

/** The module constant, then the module constants holding fixed /tmp paths that its initializer reads. */
export function addWithDependencies(v: ModuleVar, out: ModuleVar[], facts: ModuleFacts): void {
  if (out.includes(v)) return;
  out.push(v);
  const env = { facts, locals: new Map(), eventNames: new Set<string>() };
  visit(v.init, (n) => {
    const dep = n.type === 'Identifier' ? facts.vars.get(n.name) : undefined;
    if (dep && dep !== v && tmpPathValue(dep.init, env)?.kind === 'fixed') addWithDependencies(dep, out, facts);
  });
}
