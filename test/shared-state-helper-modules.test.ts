// Helper modules through the whole pipeline: a module without a handler that a handler imports is
// rewritten where the fix stays inside one of its functions, its findings name the handler that
// reaches it, and a lock it now needs adds async-mutex to the nearest package.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planChanges, scan } from '../cli/pipeline';
import { RULES, findTransform } from '../transforms/registry';

const dir = mkdtempSync(join(tmpdir(), 'lmi-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': '{\n  "name": "svc",\n  "dependencies": {\n    "pg": "^8.0.0"\n  }\n}\n',
  'src/handler.js': "const { accrue } = require('./lib/balances');\nexports.handler = async (event) => ({ balance: await accrue(event.account, event.rate) });\n",
  'src/lib/balances.js': readFileSync(join(__dirname, '..', '__testfixtures__', 'shared-state', 'helper-lock-cjs.input.cjs'), 'utf8').replace("require('deps')", "require('./interest')"),
  'src/lib/interest.js': 'exports.applyInterest = async (v, r) => v + r;\n',
};

describe('shared-state in a helper module', () => {
  it('reports with the reaching handler, rewrites the section with a lock, and adds async-mutex', async () => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const result = await scan({ cwd: dir, paths: ['.'], rules: RULES, configRules: [], jobs: 1 });
    const rmw = result.findings.filter((f) => f.rule === 'rmw-across-await');
    expect(rmw.map((f) => [f.file, f.line, f.fixable])).toEqual([['src/lib/balances.js', 6, 'shared-state']]);
    expect(rmw[0].message).toContain('Reached from src/handler.js.');
    const { changes } = await planChanges(result, [findTransform('shared-state')!]);
    expect(changes.map((c) => c.file)).toEqual(['src/lib/balances.js', 'package.json']);
    expect(changes[0].after).toContain("const { Mutex } = require('async-mutex');");
    expect(changes[0].after).toContain('await withBalancesLock(account, async () => {');
    expect(JSON.parse(changes[1].after).dependencies).toEqual({ 'async-mutex': '^0.5.0', pg: '^8.0.0' });
  });
});
