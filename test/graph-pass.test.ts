// Rules that need the import graph run in a second pass, on the helper modules handlers reach.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../cli/pipeline';
import type { Rule } from '../transforms/types';

const dir = mkdtempSync(join(tmpdir(), 'lmi-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'src/handler.js': "const { remember } = require('./lib/state');\nexports.handler = async (event) => remember(event);\n",
  'src/lib/state.js': "const { norm } = require('./util');\nlet last;\nexports.remember = (e) => { last = norm(e); return last; };\n",
  'src/lib/util.js': 'exports.norm = (e) => e;\n',
  'src/unused.js': 'let x;\nexports.set = (v) => { x = v; };\n',
};

const reached: Rule = {
  id: 'test-reached',
  title: 'reached from a handler',
  severity: 'info',
  docs: 'test-reached',
  needsImportGraph: true,
  check: (ctx) => {
    const handlers = ctx.project.handlersReaching(ctx.file);
    return handlers.length ? [{ line: 1, column: 0, message: `reached from ${handlers.join(', ')}` }] : [];
  },
};

describe('import-graph pass', () => {
  it('gives graph rules the handlers that reach each helper module, and skips unreached files', async () => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const result = await scan({ cwd: dir, paths: ['.'], rules: [reached], configRules: [], jobs: 1 });
    expect(result.findings.map((f) => [f.file, f.message])).toEqual([
      ['src/lib/state.js', 'reached from src/handler.js'],
      ['src/lib/util.js', 'reached from src/handler.js'],
    ]);
  });

  it('appends the reaching handlers to helper-module findings of rules that ask for it', async () => {
    const stateRule: Rule = {
      id: 'test-state',
      title: 'module let',
      severity: 'warning',
      docs: 'test-state',
      namesReachingHandlers: true,
      check: (ctx) => (ctx.source.includes('let ') ? [{ line: 2, column: 0, message: 'module state.' }] : []),
    };
    const result = await scan({ cwd: dir, paths: ['.'], rules: [stateRule], configRules: [], jobs: 1 });
    expect(result.findings.map((f) => [f.file, f.message])).toEqual([
      ['src/lib/state.js', 'module state. Reached from src/handler.js.'],
      ['src/unused.js', 'module state.'],
    ]);
  });
});
