// A formatting-independent key for an expression, so that two identical client constructions
// in different handlers are recognised as one (`renames` maps local names to shared ones).
import type { Node } from '@babel/types';
import { VISITOR_KEYS } from '../analysis/walk';

const SCALARS = ['name', 'value', 'operator', 'computed', 'prefix', 'optional', 'kind'] as const;

export function canonicalKey(node: Node | null | undefined, renames: Map<string, string> = new Map()): string {
  if (!node) return '_';
  if (node.type === 'Identifier') return `#${renames.get(node.name) ?? node.name}`;
  if (node.type === 'ParenthesizedExpression') return canonicalKey(node.expression, renames);
  const rec = node as unknown as Record<string, unknown>;
  const parts: string[] = [node.type];
  for (const k of SCALARS) if (k in rec && typeof rec[k] !== 'object') parts.push(`${k}=${JSON.stringify(rec[k])}`);
  if (node.type === 'TemplateElement') parts.push(JSON.stringify(node.value.cooked));
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    if (key === 'typeAnnotation' || key === 'typeParameters' || key === 'returnType') continue;
    const child = rec[key];
    if (Array.isArray(child)) parts.push(`[${child.map((c) => canonicalKey(c as Node, renames)).join(',')}]`);
    else if (child && typeof child === 'object') parts.push(canonicalKey(child as Node, renames));
  }
  return `(${parts.join(' ')})`;
}
