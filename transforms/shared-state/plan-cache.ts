// unbounded-module-cache (report only): a module Map / object filled per request under
// request-derived keys and never evicted grows for the life of the worker (hours, once per worker).
import type { Node } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import { refPerRequestFunction } from './facts';
import type { BindingRef, ModuleModel } from './module-model';
import type { PlannedFinding } from './types';

const EVICTION = new Set(['delete', 'clear', 'size']);

export function planCache(model: ModuleModel): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  for (const binding of model.bindings.values()) {
    if (binding.kind !== 'const' || binding.exported || !isCacheInit(binding.init)) continue;
    if (binding.refs.some((r) => evicts(r, model))) continue;
    const fill = binding.refs.find((r) => r.kind === 'mutate' && refPerRequestFunction(r, model) && fillsUnderDynamicKey(r, model));
    if (!fill) continue;
    out.push({
      rule: 'unbounded-module-cache',
      node: model.index.parent(fill.id)!,
      message: `\`${binding.name}\` is filled per request under request-derived keys and never evicted: it grows for the life of the worker (hours), once per worker thread.`,
      hint: 'use a bounded LRU with a TTL (lru-cache); cache the promise and delete it on failure so concurrent requests share one fetch',
      severity: 'warning',
    });
  }
  return out;
}

export function isCacheInit(init: Node | null | undefined): boolean {
  const n = unwrapExpression(init);
  if (!n) return false;
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Map') return true;
  if (n.type === 'ObjectExpression' && n.properties.length === 0) return true;
  return n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.object.type === 'Identifier' &&
    n.callee.object.name === 'Object' && n.callee.property.type === 'Identifier' && n.callee.property.name === 'create';
}

/** `x.delete(…)`, `x.clear()`, `x.size`, `delete x[k]`: someone bounds it. */
function evicts(ref: BindingRef, model: ModuleModel): boolean {
  const parent = model.index.parent(ref.id);
  if (parent?.type !== 'MemberExpression' || parent.object !== ref.id) return false;
  if (!parent.computed && parent.property.type === 'Identifier' && EVICTION.has(parent.property.name)) return true;
  const up = model.index.parent(parent);
  return up?.type === 'UnaryExpression' && up.operator === 'delete';
}

function isDynamicKey(key: Node | null | undefined): boolean {
  const k = unwrapExpression(key);
  return !!k && k.type !== 'StringLiteral' && k.type !== 'NumericLiteral' && !(k.type === 'TemplateLiteral' && k.expressions.length === 0);
}

/** `x.set(k, v)` or `x[k] = v` with a key that is not a literal. */
function fillsUnderDynamicKey(ref: BindingRef, model: ModuleModel): boolean {
  const member = model.index.parent(ref.id);
  if (member?.type !== 'MemberExpression' || member.object !== ref.id) return false;
  const up = model.index.parent(member);
  if (!member.computed && member.property.type === 'Identifier' && member.property.name === 'set') {
    return up?.type === 'CallExpression' && up.callee === member && isDynamicKey(up.arguments[0] as Node);
  }
  return member.computed && up?.type === 'AssignmentExpression' && up.left === member && isDynamicKey(member.property);
}
