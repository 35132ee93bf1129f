// Replaces one child node in its parent, wherever the parent holds it (a field or a list).
import type { Node } from '@babel/types';

export function replaceChild(parent: Node, old: Node, replacement: Node): boolean {
  const record = parent as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === old) {
      record[key] = replacement;
      return true;
    }
    if (Array.isArray(value)) {
      const i = value.indexOf(old);
      if (i !== -1) {
        value[i] = replacement;
        return true;
      }
    }
  }
  return false;
}
