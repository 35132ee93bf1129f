// shared-state rules beyond the fixtures: the helper-module message, and `needs` pre-filters that
// never hide a finding (every finding's source contains one of its rule's tokens).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { scan } from '../cli/pipeline';
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { SHARED_STATE_RULES } from '../transforms/shared-state/rules';

const FIXTURES = join(__dirname, '..', '__testfixtures__', 'shared-state');

describe('shared-state rules', () => {
  it('name the handler files that reach a helper module, and never mark helper-module state fixable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmi-ss-reach-'));
    try {
      mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
      mkdirSync(join(dir, 'src', 'orders'), { recursive: true });
      writeFileSync(join(dir, 'src/lib/state.mjs'), "let current;\nexport function setUser(u) { current = u; }\nexport function getUser() { return current; }\n");
      writeFileSync(join(dir, 'src/orders/create-order.mjs'), "import { setUser, getUser } from '../lib/state.mjs';\nexport const handler = async (e) => { setUser(e.user); await null; return getUser(); };\n");
      const result = await scan({ cwd: dir, paths: ['.'], rules: SHARED_STATE_RULES, configRules: [], jobs: 1 });
      const findings = result.findings.filter((f) => f.file === 'src/lib/state.mjs');
      expect(findings.map((f) => [f.rule, f.line, f.fixable])).toEqual([['module-state-per-request', 1, null]]);
      expect(findings[0].message).toContain('Reached from src/orders/create-order.mjs.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('have exact needs: every finding on the fixtures comes from a source containing one of the tokens', () => {
    const inputs = readdirSync(FIXTURES).filter((f) => /\.input\./.test(f));
    let seen = 0;
    for (const input of inputs) {
      const source = readFileSync(join(FIXTURES, input), 'utf8');
      const withoutFilter = SHARED_STATE_RULES.map((r) => ({ ...r, needs: undefined }));
      for (const f of analyseSource(input.replace('.input.', '.'), source, withoutFilter).findings) {
        const rule = SHARED_STATE_RULES.find((r) => r.id === f.rule)!;
        expect(rule.needs!.some((t) => source.includes(t)), `${input}: ${f.rule}`).toBe(true);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('document each rule at its own anchor and name shared-state only where it rewrites', () => {
    for (const r of SHARED_STATE_RULES) {
      expect(r.docs).toBe(r.id);
      const reportOnly = ['unbounded-module-cache', 'library-global-mutation'].includes(r.id);
      expect(r.fixedBy).toBe(reportOnly ? undefined : 'shared-state');
    }
  });
});
