// init-phase rules: exact pre-filters, the ESM/CommonJS choice of the init form, and the
// agreement between "fixable" findings and what the transform rewrites.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileAnalysis } from '../transforms/analysis/file-analysis';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { EMPTY_PROJECT, type ProjectInfo } from '../transforms/analysis/project';
import { analyseSource } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { initPhase } from '../transforms/init-phase';
import { INIT_PHASE_RULES } from '../transforms/init-phase/rules';

const FIXTURES = join(__dirname, '..', '__testfixtures__', 'init-phase');
const sources = readdirSync(FIXTURES)
  .filter((f) => /\.(input|output)\.[cm]?[jt]s$/.test(f))
  .map((f) => ({ path: f.replace(/\.(input|output)\./, '.'), source: readFileSync(join(FIXTURES, f), 'utf8') }));

const EXTRA = [
  { path: 'a.js', source: 'let db;\nexports.handler = async () => { db = db || await open(); return db; };' },
  { path: 'b.mjs', source: "import { readFileSync as r } from 'fs';\nexport const handler = async () => JSON.parse(r('./c.json'));" },
  { path: 'c.js', source: "const s = require('x');\nconst app = s();\napp.listen(80);\nexports.handler = async () => 1;" },
  { path: 'd.js', source: "const db = require('x');\ndb.MIGRATE();\nexports.handler = () => 1;" },
];

function checkWithoutPrefilter(path: string, source: string) {
  const ast = parseForAnalysis(path, source);
  const analysis = createFileAnalysis(path, source, ast, EMPTY_PROJECT);
  return INIT_PHASE_RULES.map((rule) => ({
    rule,
    reports: rule.check({ file: path, source, ast, analysis, project: EMPTY_PROJECT }),
    hasHandler: analysis.handlers.length > 0,
  }));
}

describe('init-phase rules', () => {
  it('a `needs` pre-filter only skips files the rule cannot report on', () => {
    for (const { path, source } of [...sources, ...EXTRA]) {
      for (const { rule, reports } of checkWithoutPrefilter(path, source)) {
        if (reports.length) expect(rule.needs!.some((t) => source.includes(t)), `${rule.id} on ${path}`).toBe(true);
      }
    }
  });

  it('a handlerFilesOnly rule reports nothing in a file without a handler', () => {
    const helper = { path: 'lib.js', source: "const fs = require('fs');\nexports.load = () => { for (let i = 0; i < 1e6; i++) fs.readFileSync('/x'); };" };
    for (const { path, source } of [...sources, ...EXTRA, helper]) {
      for (const { rule, reports, hasHandler } of checkWithoutPrefilter(path, source)) {
        if (rule.handlerFilesOnly && !hasHandler) expect(reports, `${rule.id} on ${path}`).toEqual([]);
      }
    }
    expect(INIT_PHASE_RULES.filter((r) => r.handlerFilesOnly).map((r) => r.id)).toEqual(['blocking-sync-io']);
  });

  it('ids, docs anchors and fixedBy', () => {
    expect(INIT_PHASE_RULES.map((r) => [r.id, r.docs, r.fixedBy ?? null])).toEqual([
      ['heavy-work-in-handler', 'heavy-work-in-handler', 'init-phase'],
      ['lazy-init-race', 'lazy-init-race', 'init-phase'],
      ['blocking-sync-io', 'blocking-sync-io', 'init-phase'],
      ['per-worker-init-side-effect', 'per-worker-init-side-effect', null],
    ]);
  });

  it('the transform changes a file exactly when a finding is fixable', () => {
    for (const { path, source } of sources.filter((s) => !/^(suppressed)\./.test(s.path))) {
      const fixable = analyseSource(path, source, INIT_PHASE_RULES).findings.some((f) => f.fixable === 'init-phase');
      expect(transformSource(path, source, [initPhase]).changed, path).toBe(fixable);
    }
  });

  it('reports the secret kept at init with a TTL hint (info)', () => {
    const out = readFileSync(join(FIXTURES, 'secret-per-invocation-esm.output.mjs'), 'utf8');
    const findings = analyseSource('s.mjs', out, INIT_PHASE_RULES).findings;
    expect(findings.map((f) => [f.rule, f.line, f.severity, f.fixable])).toEqual([['heavy-work-in-handler', 6, 'info', null]]);
    expect(findings[0].hint).toMatch(/maxAge/);
    // the ready promise is init code too
    const cjs = readFileSync(join(FIXTURES, 'secret-per-invocation-cjs.output.js'), 'utf8');
    expect(analyseSource('s.js', cjs, INIT_PHASE_RULES).findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['heavy-work-in-handler', 8, 'info'],
    ]);
  });
});

describe('init form: top-level await only where Node surely loads the file as ESM', () => {
  const esm = (ext: string) => `import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
const ssm = new SSMClient({});
export const handler = async (event${ext.includes('ts') ? ': { id: string }' : ''}) => {
  const p = await ssm.send(new GetParameterCommand({ Name: 'n' }));
  return { v: p.Parameter, id: event.id };
};
`;
  const project = (type?: 'module' | 'commonjs'): ProjectInfo => ({ ...EMPTY_PROJECT, packageType: () => type });
  const form = (file: string, type?: 'module' | 'commonjs') => {
    const out = transformSource(file, esm(file), [initPhase], project(type)).output;
    return out.includes('whenReady') ? 'ready' : /^const p = await/m.test(out) ? 'top-level' : 'unchanged';
  };

  it('.mjs and .mts: top-level await', () => {
    expect(form('h.mjs')).toBe('top-level');
    expect(form('h.mts')).toBe('top-level');
  });
  it('.js / .ts with import syntax: top-level await only with "type": "module"', () => {
    expect(form('h.js', 'module')).toBe('top-level');
    expect(form('h.ts', 'module')).toBe('top-level');
    expect(form('h.js')).toBe('ready');
    expect(form('h.ts')).toBe('ready');
    expect(form('h.ts', 'commonjs')).toBe('ready');
  });
  it('.cts: the ready promise', () => {
    expect(form('h.cts', 'module')).toBe('ready');
  });
});
