// Exact pre-filters of the async-handler, client-pools and report-only rules: a handlerFilesOnly
// rule reports nothing in a file without a handler, and listeners-and-exit's early exit outside
// handlers never hides process.exit() or a signal handler, however they are spelled.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureAndExampleInputs } from './support/fixture-inputs';
import { EMPTY_PROJECT } from '../transforms/analysis/project';
import { createFileAnalysis } from '../transforms/analysis/file-analysis';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { analyseSource, textMayMatch } from '../transforms/engine/analyse-source';
import { ASYNC_HANDLER_RULES } from '../transforms/async-handler/rules';
import { CLIENT_POOLS_RULES } from '../transforms/client-pools/rules';
import { REPORT_ONLY_RULES } from '../transforms/rules';
import { listenersAndExit } from '../transforms/rules/listeners-and-exit';

const OWNED = [...ASYNC_HANDLER_RULES, ...CLIENT_POOLS_RULES, ...REPORT_ONLY_RULES];


describe('rule pre-filters', () => {
  it('textMayMatch is true exactly when the text contains one of the needs tokens, read literally', () => {
    const rule = { ...listenersAndExit, needs: ['Object.create', '++', '{', 'a|b', '$x', 'c\\d'] };
    const matches = ['Object.create(null)', 'n++', 'x = {}', 'a|b', '$x', 'c\\d'];
    const misses = ['Objectxcreate', 'n + +', 'a', 'b', 'x', 'cd', ''];
    for (const text of matches) expect(textMayMatch(rule, text), text).toBe(true);
    for (const text of misses) expect(textMayMatch(rule, text), text).toBe(false);
    expect(textMayMatch({ ...listenersAndExit, needs: undefined }, '')).toBe(true);
  });

  it('handlerFilesOnly rules report nothing without a handler (every fixture and example, its handlers taken away)', () => {
    const gated = OWNED.filter((r) => r.handlerFilesOnly);
    expect(gated.map((r) => r.id).sort()).toEqual(['callback-handler', 'client-per-invocation', 'fire-and-forget', 'sync-handler']);
    let files = 0;
    for (const path of fixtureAndExampleInputs()) {
      const source = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      let ast;
      try {
        ast = parseForAnalysis(path, source);
      } catch {
        continue;
      }
      const full = createFileAnalysis(path, source, ast, EMPTY_PROJECT);
      // the same file as a module without a handler
      const analysis = { ...full, index: full.index, moduleStyle: full.moduleStyle, bindings: full.bindings, handlers: [] };
      files++;
      for (const rule of gated) expect(rule.check({ file: path, source, ast, analysis, project: EMPTY_PROJECT }), `${rule.id} on ${path}`).toEqual([]);
    }
    expect(files).toBeGreaterThan(100);
  });

  it('listeners-and-exit still reports process.exit and signal handlers outside handlers, escaped or not', () => {
    const cases: Array<[string, number]> = [
      ['export function stop() { process.exit(1); }\n', 1],
      ["export function stop() { process['exit'](1); }\n", 1],
      ["export function stop() { process['\\x65xit'](1); }\n", 1],
      ['export function stop() { \\u0070rocess.exit(1); }\n', 1],
      ["process.on('SIGTERM', () => {});\n", 1],
      ["process.on('\\x53IGTERM', () => {});\n", 1],
      ['process.on(`SIGINT`, () => {});\n', 1],
      ["export function processOrder(o) { return o.items.map((i) => i.on); }\n", 0],
    ];
    for (const [source, count] of cases) {
      const findings = analyseSource('lib/helper.mjs', source, [listenersAndExit]).findings;
      expect(findings.length, source).toBe(count);
    }
  });
});
