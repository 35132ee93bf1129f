// The registry is the single source of rule and transform metadata: ids are unique, metadata of
// a rule checked in two places agrees, and every rule a transform claims to fix exists.
import { describe, expect, it } from 'vitest';
import { CONFIG_RULES, RULES, TRANSFORMS, ruleMetadata } from '../transforms/registry';

describe('registry', () => {
  it('transform ids are unique and each fixes only registered rules that name it back', () => {
    const ids = TRANSFORMS.map((t) => t.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rules = new Map(ruleMetadata().map((r) => [r.id, r]));
    for (const t of TRANSFORMS) {
      for (const id of t.meta.fixes) {
        expect(rules.has(id), `${t.meta.id} fixes unknown rule ${id}`).toBe(true);
        expect(rules.get(id)!.fixedBy, `${id}.fixedBy`).toBe(t.meta.id);
      }
    }
    for (const r of ruleMetadata()) if (r.fixedBy) expect(ids).toContain(r.fixedBy);
  });

  it('a rule id used by several checkers has one metadata', () => {
    for (const r of [...RULES, ...CONFIG_RULES]) {
      const meta = ruleMetadata().find((m) => m.id === r.id)!;
      expect({ title: r.title, severity: r.severity, docs: r.docs, fixedBy: r.fixedBy }).toEqual({
        title: meta.title,
        severity: meta.severity,
        docs: meta.docs,
        fixedBy: meta.fixedBy,
      });
    }
  });
});
