// The shared-state gates (gates.ts) only skip work: on every fixture input, every example and a
// set of edge cases, each rule's gated plan lists exactly what the plan reports without a gate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureAndExampleInputs } from './support/fixture-inputs';
import { findHandlers } from '../transforms/analysis/handlers';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { buildModuleModel } from '../transforms/shared-state/module-model';
import { exportedFunctions, HELPER_MODULE_REWRITES, PLAN_ORDER, PLANS, planRule } from '../transforms/shared-state/plan';



const summary = (findings: Array<{ rule: string; node: { start?: number | null }; message: string; rewrite?: unknown }>) =>
  findings.map((f) => [f.rule, f.node.start, f.message, !!f.rewrite]);

function expectExact(file: string, source: string): number {
  let ast;
  try {
    ast = parseForAnalysis(file, source.replace(/^\uFEFF/, ''));
  } catch {
    return 0;
  }
  const handlers = findHandlers(ast, []);
  let seen = 0;
  for (const rule of PLAN_ORDER) {
    // ungated: a model of its own (a fresh parse), every plan run
    const fresh = parseForAnalysis(file, source.replace(/^\uFEFF/, ''));
    const freshHandlers = findHandlers(fresh, []);
    const model = buildModuleModel(fresh, freshHandlers.length ? freshHandlers : exportedFunctions(fresh), freshHandlers.length === 0);
    const helperRewrites = freshHandlers.length > 0 || HELPER_MODULE_REWRITES.has(rule);
    const ungated = PLANS[rule](model, /\.[cm]?tsx?$/.test(file)).map((f) => (helperRewrites ? f : { ...f, rewrite: undefined }));
    const gated = planRule({ file, ast, handlers, source }, rule);
    expect(summary(gated), `${file}: ${rule}`).toEqual(summary(ungated));
    seen += gated.length;
  }
  return seen;
}

const EDGE_CASES: Array<[string, string]> = [
  // lazy initialisation only: nothing; with a second, unguarded write: state
  ['lazy.mjs', 'let client;\nexport const handler = async (e) => { if (!client) client = await make(); return client.get(e.id); };\n'],
  ['lazy-and-write.mjs', 'let user;\nexport const handler = async (e) => { if (!user) user = await load(); user = e.user; await save(); return user; };\n'],
  // a local shadowing the module name: the name-based gate says yes, the plan decides
  ['shadow.mjs', 'let id;\nexport const handler = async (e) => { let id; id = e.id; await f(); return id; };\n'],
  // process.env written through a computed key, or in a helper module
  ['env-computed.mjs', "export const handler = async (e) => { process.env['STAGE'] = e.stage; await f(); return process.env.STAGE; };\n"],
  ['env-helper.mjs', 'export function setStage(s) { process.env.STAGE = s; }\n'],
  // container constants: reset, object state, cache, Object.create cache
  ['reset.mjs', 'const seen = [];\nexport const handler = async (e) => { seen.length = 0; seen.push(e.id); await f(); return seen; };\n'],
  ['object.mjs', 'const state = {};\nexport const handler = async (e) => { state.user = e.user; await f(); return state.user; };\n'],
  ['cache.mjs', 'const cache = Object.create(null);\nexport const handler = async (e) => { cache[e.id] = await f(e); return cache[e.id]; };\n'],
  ['collection.cjs', 'const ids = new Set();\nexports.handler = async (e) => { ids.clear(); ids.add(e.id); await f(); return [...ids]; };\n'],
  // rmw through a snapshot with a default, and through a property
  ['rmw.mjs', 'const totals = new Map();\nexport const handler = async (e) => { const t = totals.get(e.k) ?? 0; await f(); totals.set(e.k, t + 1); };\n'],
  ['rmw-prop.mjs', 'const stats = { n: 0 };\nexport const handler = async (e) => { stats.n = stats.n + await count(e); };\n'],
  // a local from a call of a module function, or of a method other than get: never a snapshot
  ['call-local.mjs', "const read = (k) => store[k];\nconst store = {};\nexport const handler = async (e) => { const v = read(e.k); await f(); return v; };\n"],
  ['method-local.mjs', 'const totals = new Map();\nexport const handler = async (e) => { const t = totals.has(e.k) ?? 0; await f(); totals.set(e.k, t + 1); };\n'],
  // library globals
  ['axios.mjs', "import axios from 'axios';\nexport const handler = async (e) => { axios.defaults.headers.common.Authorization = e.token; return axios.get('/x'); };\n"],
  ['i18n.mjs', "import i18next from 'i18next';\nexport const handler = async (e) => { await i18next.changeLanguage(e.lng); return i18next.t('k'); };\n"],
  // TypeScript casts around the initializer
  ['cast.ts', 'const state = {} as Record<string, unknown>;\nexport const handler = async (e: any) => { state.user = e.user; await f(); return state.user; };\ndeclare function f(): Promise<void>;\n'],
  ['counter.ts', 'let served = 0 as number;\nexport const handler = async () => { served++; await f(); return served; };\ndeclare function f(): Promise<void>;\n'],
  // handler objects: exported inside an object, as the default export, bound as the handler
  ['instance-object.cjs', "class S { async run(e) { this.user = e.user; await f(); return this.user; } }\nmodule.exports = { service: new S() };\n"],
  ['instance-default.mjs', 'class S { async run(e) { this.user = e.user; await f(); return this.user; } }\nexport default new S();\n'],
  ['instance-bind.mjs', 'class S { async run(e) { this.user = e.user; await f(); return this.user; } }\nconst s = new S();\nexport const handler = s.run.bind(s);\n'],
  // destructured module let, written per request
  ['pattern.mjs', 'let { a } = init();\nexport const handler = async (e) => { a = e.a; await f(); return a; };\n'],
];

describe('shared-state gates', () => {
  it('never change what a plan reports: fixtures and examples', () => {
    const files = fixtureAndExampleInputs();
    let seen = 0;
    for (const f of files) seen += expectExact(f.replace('.input.', '.'), readFileSync(f, 'utf8'));
    expect(seen).toBeGreaterThan(30);
  });

  it('never change what a plan reports: edge cases', () => {
    let seen = 0;
    for (const [file, source] of EDGE_CASES) seen += expectExact(file, source);
    expect(seen).toBeGreaterThan(10);
  });
});
