import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../transforms/analysis/ast';
import { hasAwaitBetween } from '../../transforms/analysis/await-points';
import {
  analyseBindings,
  functionsReachableFromHandlers,
  moduleBindingUses,
  readsThenWritesAcrossAwait,
  type ModuleBinding,
} from '../../transforms/analysis/bindings';
import { findHandlers } from '../../transforms/analysis/handlers';
import { markReadOnly } from '../../transforms/analysis/walk';
import { createFileAnalysis, type FileAnalysis } from '../../transforms/analysis/file-analysis';
import { parseForAnalysis, recastParserFor } from '../../transforms/analysis/parser';
import { EMPTY_PROJECT } from '../../transforms/analysis/project';
import { ensureImport } from '../../transforms/analysis/add-import';

function rawAnalysis(file: string, src: string): FileAnalysis {
  return createFileAnalysis(file, src, parseForAnalysis(file, src), EMPTY_PROJECT);
}

function recastAnalysis(file: string, src: string): FileAnalysis {
  const j = jscodeshift.withParser(recastParserFor(file));
  return createFileAnalysis(file, src, j(src).get().node, EMPTY_PROJECT);
}

const BOTH = [
  ['raw parser AST', rawAnalysis],
  ['recast AST', recastAnalysis],
] as const;

/** `kind@place:line` for each reference, in source order. */
function uses(b: ModuleBinding | undefined): string[] {
  return (b?.references ?? []).map((r) => `${r.kind}@${r.place}:${r.node.loc?.start.line}`);
}

describe.each(BOTH)('analyseBindings on the %s', (_label, analyse) => {
  it('classifies reads, writes and mutations by place (CommonJS)', () => {
    const a = analyse(
      'h.js',
      `let count = 0;
const cache = new Map();
let config;
config = load();
function load() { return {}; }
function record(k, v) { cache.set(k, v); }
function unused() { count = 5; }
exports.handler = async (event) => {
  count++;
  const seen = count;
  record(event.id, seen);
  return config.x;
};
`,
    );
    const b = a.bindings;
    expect(b.all.map((x) => `${x.kind} ${x.name}`)).toEqual(['let count', 'const cache', 'let config', 'function load', 'function record', 'function unused']);
    expect(uses(b.get('count'))).toEqual(['write@other:7', 'read@handler:9', 'write@handler:9', 'read@handler:10']);
    expect(uses(b.get('cache'))).toEqual(['mutate@reachable:6']);
    expect(uses(b.get('config'))).toEqual(['write@init:4', 'read@handler:12']);
    expect(uses(b.get('load'))).toEqual(['read@init:4']);
    expect(b.get('count')!.init?.type).toBe('NumericLiteral');
    expect(b.get('count')!.exported).toBe(false);
    const write = b.get('count')!.references.find((r) => r.place === 'handler' && r.kind === 'write')!;
    expect(write.site.type).toBe('UpdateExpression');
    expect(write.handler?.exportName).toBe('handler');
    expect(write.fn).toBe(a.handlers[0].fn);
  });

  it('never counts shadowing locals, parameters or catch bindings', () => {
    const a = analyse(
      'h.mjs',
      `let x = 1;
let err = null;
export const handler = async (event, x2) => {
  let x = 2;
  x++;
  try { await f(); } catch (err) { err.message = 'y'; }
  return ((x) => x + 1)(x);
};
function f(err) { err = 1; }
`,
    );
    expect(uses(a.bindings.get('x'))).toEqual([]);
    expect(uses(a.bindings.get('err'))).toEqual([]);
  });

  it('finds every export form', () => {
    const esm = analyse(
      'h.mjs',
      `export const a = 1;
export let { b, c: [d] } = {};
const e = 2, f = 3;
export { e, f as g };
export function h() {}
const i = 4;
export default i;
const notExported = 5;
`,
    ).bindings;
    expect(esm.all.filter((x) => x.exported).map((x) => `${x.name}:${x.exportNames.join('|')}`)).toEqual([
      'a:a', 'b:b', 'd:d', 'e:e', 'f:g', 'h:h', 'i:default',
    ]);
    expect(esm.get('notExported')!.exported).toBe(false);
    // `export { e }` is not a read
    expect(uses(esm.get('e'))).toEqual([]);

    const cjs = analyse(
      'h.js',
      `let a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;
exports.a = a;
module.exports.bee = b;
module.exports = { c, dee: d, handler: async () => e };
exports.x = exports.y = f;
`,
    ).bindings;
    expect(cjs.all.map((x) => `${x.name}:${x.exportNames.join('|')}`)).toEqual(['a:a', 'b:bee', 'c:c', 'd:dee', 'e:', 'f:x|y']);
  });

  it('tells mutations from reads', () => {
    const a = analyse(
      'h.js',
      `const x = { items: [], count: 0 };
function all(k, v, f) {
  x.y = 1;
  x.a.b = 2;
  delete x.k;
  x.push(1);
  x.items.push(2);
  Object.assign(x, {});
  x[k] = v;
  x.count++;
  x.count += 1;
  x?.items.sort();
  x.map(f);
  x.get(k);
  use(x);
  return x.items.length;
}
`,
    );
    expect(uses(a.bindings.get('x')).map((u) => u.split('@')[0])).toEqual([
      'mutate', 'mutate', 'mutate', 'mutate', 'mutate', 'mutate', 'mutate',
      // x.count++ and x.count += 1 read the old value first
      'read', 'mutate', 'read', 'mutate',
      'mutate', 'read', 'read', 'read', 'read',
    ]);
    expect(a.bindings.get('x')!.references.map((r) => r.members.join('.'))).toEqual([
      'y', 'a.b', 'k', '', 'items', '', '', 'count', 'count', 'count', 'count', 'items', '', '', '', 'items.length',
    ]);
    const sites = a.bindings.get('x')!.references.map((r) => r.site.type);
    expect(sites.slice(0, 4)).toEqual(['AssignmentExpression', 'AssignmentExpression', 'UnaryExpression', 'CallExpression']);
  });

  it('counts compound and logical assignment as read + write, destructuring and for-of as writes', () => {
    const a = analyse(
      'h.js',
      `let x = 0, y, z, w;
function f(list) {
  x += 1;
  y ??= {};
  [z, { w }] = list;
  for (z of list) {}
  x = 2;
}
`,
    );
    expect(uses(a.bindings.get('x'))).toEqual(['read@other:3', 'write@other:3', 'write@other:7']);
    expect(uses(a.bindings.get('y'))).toEqual(['read@other:4', 'write@other:4']);
    expect(uses(a.bindings.get('z'))).toEqual(['write@other:5', 'write@other:6']);
    expect(uses(a.bindings.get('w'))).toEqual(['write@other:5']);
  });

  it('knows init (top level and top-level IIFEs), handler, reachable and other code', () => {
    const a = analyse(
      'h.mjs',
      `let s = 0;
s = 1;
(async () => { s = 2; })();
const repo = { save() { s = 3; }, drop() { s = 4; } };
class Store { put() { s = 5; } }
const store = new Store();
const format = (v) => { s = 6; return v; };
function deep() { s = 7; }
function middle() { deep(); }
setInterval(() => { s = 8; }, 1000);
export const handler = async (event) => {
  repo.save();
  store.put();
  middle();
  event.items.map(format);
  [1].forEach(() => { s = 9; });
};
`,
    );
    expect(uses(a.bindings.get('s'))).toEqual([
      'write@init:2', 'write@init:3', 'write@reachable:4', 'write@other:4', 'write@reachable:5', 'write@reachable:7',
      'write@reachable:8', 'write@other:10', 'write@handler:16',
    ]);
    const names = [...functionsReachableFromHandlers(a)].map((fn) => fn.loc?.start.line).sort((x, y) => x! - y!);
    expect(names).toEqual([4, 5, 7, 8, 9, 11]);
  });

  it('follows `this.method()` between methods of a module object or class', () => {
    const a = analyse(
      'h.mjs',
      `let hits = 0;
class Service {
  async create(o) { return this.persist(o); }
  persist(o) { hits++; return o; }
  unused() { hits = 0; }
}
const service = new Service();
const repo = {
  save() { [1].forEach(() => this.count()); },
  count() { hits += 1; },
  reset: function () { hits = 0; },
};
export const handler = async (event) => {
  await service.create(event);
  repo.save();
};
`,
    );
    expect(uses(a.bindings.get('hits'))).toEqual([
      'read@reachable:4', 'write@reachable:4', 'write@other:5', 'read@reachable:10', 'write@reachable:10', 'write@other:11',
    ]);
  });

  it('treats the function inside a wrapper as the handler (middy, withX)', () => {
    const a = analyse(
      'h.js',
      `const middy = require('@middy/core');
let last;
const base = async (event) => { last = event; return helper(); };
function helper() { return last; }
module.exports.handler = middy(base).use(jsonBodyParser());
`,
    );
    expect(uses(a.bindings.get('last'))).toEqual(['write@handler:3', 'read@reachable:4']);
  });

  it('ignores TypeScript types and reads through casts', () => {
    const a = analyse(
      'h.ts',
      `import type { Context } from 'aws-lambda';
import { Pool } from 'pg';
let n: number = 0;
let pool: Pool | undefined;
export const handler = async (e: unknown, ctx: Context): Promise<number> => {
  (pool as Pool).query('x');
  pool!.end();
  n += await f();
  return n;
};
declare function f(): Promise<number>;
`,
    );
    expect(uses(a.bindings.get('n'))).toEqual(['read@handler:8', 'write@handler:8', 'read@handler:9']);
    expect(uses(a.bindings.get('pool'))).toEqual(['read@handler:6', 'read@handler:7']);
    expect(a.bindings.get('Pool')!.kind).toBe('import');
    expect(uses(a.bindings.get('Pool'))).toEqual([]); // only used as a type
    expect(a.bindings.get('pool')!.init).toBeNull();
  });

  it('does not count overload signatures, interfaces or `typeof` types as reads', () => {
    const a = analyse(
      'h.ts',
      `function f(a: string): void;
function f(a: unknown) {}
interface Cfg { x: number }
const Cfg = { x: 1 };
export const handler = async (e: typeof Cfg): Promise<Cfg> => { f('x'); return Cfg; };
`,
    );
    expect(uses(a.bindings.get('f'))).toEqual(['read@handler:5']);
    expect(uses(a.bindings.get('Cfg'))).toEqual(['read@handler:5']);
  });

  it('maps identifier nodes back to their binding and is computed once', () => {
    const a = analyse('h.js', 'let v = 1;\nexports.handler = async () => v;\n');
    const b = a.bindings;
    expect(a.bindings).toBe(b);
    const ref = b.get('v')!.references[0];
    expect(b.bindingOf(ref.node)?.name).toBe('v');
    expect(b.bindingOf(b.get('v')!.identifier)?.name).toBe('v');
  });
});

describe.each(BOTH)('await analysis on the %s', (_label, analyse) => {
  const pairs = (src: string, name: string) => {
    const a = analyse('h.mjs', src);
    return readsThenWritesAcrossAwait(a.bindings.get(name)!).map(
      (p) => `${p.read.kind}:${p.read.node.loc?.start.line} -> ${p.write.kind}:${p.write.node.loc?.start.line}`,
    );
  };

  it('finds `x += await f()` and `x = x + await f()`', () => {
    expect(pairs('let total = 0;\nexport const handler = async () => {\n  total += await f();\n};\n', 'total')).toEqual(['read:3 -> write:3']);
    expect(pairs('let total = 0;\nexport const handler = async () => {\n  total = total + await f();\n};\n', 'total')).toEqual([
      'read:3 -> write:3',
    ]);
  });

  it('finds check-then-set across an await (lazy init) and get → await → set on a Map', () => {
    expect(pairs('let db;\nexport const handler = async () => {\n  if (!db) {\n    db = await connect();\n  }\n};\n', 'db')).toEqual([
      'read:3 -> write:4',
    ]);
    const src = `const cache = new Map();
export const handler = async (k) => {
  const cur = cache.get(k) ?? 0;
  const v = await load(k);
  cache.set(k, cur + v);
};
`;
    expect(pairs(src, 'cache')).toEqual(['read:3 -> mutate:5']);
  });

  it('finds `obj.n += await f()` (the property is read before the await)', () => {
    expect(pairs('const stats = { n: 0 };\nexport const handler = async () => {\n  stats.n += await f();\n  stats.m++;\n};\n', 'stats')).toEqual([
      'read:3 -> mutate:3',
    ]);
  });

  it('ignores synchronous read-modify-write and awaits of nested functions', () => {
    expect(pairs('let t = 0;\nexport const handler = async () => {\n  const v = await f();\n  t += v;\n  t = t + 1;\n};\n', 't')).toEqual([]);
    expect(pairs('let t = 0;\nexport const handler = async () => {\n  const n = t;\n  run(async () => { await g(); });\n  t = n + 1;\n};\n', 't')).toEqual([]);
    expect(pairs('let t = 0;\nexport const handler = async () => {\n  t = await f() + t;\n};\n', 't')).toEqual([]);
  });

  it('counts `for await` heads and `yield` as suspension points', () => {
    expect(pairs('let t = 0;\nexport async function handler(s) {\n  const before = t;\n  for await (const c of s) {}\n  t = before + 1;\n}\n', 't')).toEqual([
      'read:3 -> write:5',
    ]);
    expect(pairs('let t = 0;\nexport async function* handler() {\n  const before = t;\n  yield 1;\n  t = before;\n}\n', 't')).toEqual([
      'read:3 -> write:5',
    ]);
  });

  it('hasAwaitBetween looks only at the function itself and the given range', () => {
    const src = 'export const handler = async () => {\n  a();\n  await b();\n  c();\n  const f = async () => { await d(); };\n  e();\n};\n';
    const a = analyse('h.mjs', src);
    const fn = a.handlers[0].fn as FunctionNode;
    const at = (text: string) => src.indexOf(text);
    expect(hasAwaitBetween(fn, at('a()'), at('c()'))).toBe(true);
    expect(hasAwaitBetween(fn, at('c()'), at('e()'))).toBe(false);
    expect(hasAwaitBetween(fn, at('a()'), at('await b') + 3)).toBe(false);
    const sync = analyse('h.js', 'exports.handler = () => { a(); b(); };').handlers[0].fn;
    expect(hasAwaitBetween(sync, 0, 1000)).toBe(false);
  });
});

describe('bindings after a transform changed the tree', () => {
  it('a fresh analysis of the same recast AST sees the new import binding', () => {
    const src = "let x = 1;\nexport const handler = async () => x;\n";
    const j = jscodeshift.withParser(recastParserFor('h.mjs'));
    const root = j(src);
    const ast = root.get().node;
    expect(createFileAnalysis('h.mjs', src, ast, EMPTY_PROJECT).bindings.get('rm')).toBeUndefined();
    ensureImport({ j, root, style: 'esm' }, { source: 'node:fs/promises', named: ['rm'] });
    const again = createFileAnalysis('h.mjs', src, ast, EMPTY_PROJECT).bindings;
    expect(again.get('rm')?.kind).toBe('import');
    expect(uses(again.get('x'))).toEqual(['read@handler:2']);
  });
});

describe('moduleBindingUses (the uses without their places)', () => {
  const SRC = `import { get } from './db.mjs';
let count = 0;
const cache = new Map();
function bump(n) { count += n; return count; }
export const handler = async (e) => {
  count++;
  const hit = cache.get(e.k) ?? (await get(e.k));
  cache.set(e.k, hit);
  for (count of [1]) bump(count);
  return { count, hit };
};
export { cache };
`;

  it('lists every binding and use analyseBindings lists, in the same order', () => {
    const ast = parseForAnalysis('h.mjs', SRC);
    const full = analyseBindings({ ast, handlers: findHandlers(ast, []) });
    const used = moduleBindingUses({ ast });
    expect(used.bindings.map((b) => [b.name, b.exportNames])).toEqual(full.all.map((b) => [b.name, b.exportNames]));
    for (const [i, b] of full.all.entries()) {
      const strip = ({ node, kind, site, at, members }: { node: unknown; kind: string; site: unknown; at: number; members: string[] }) => ({ node, kind, site, at, members });
      expect(used.bindings[i].uses.map(strip)).toEqual(b.references.map(strip));
    }
    expect(full.get('count')!.references.length).toBeGreaterThan(5);
  });

  it('is computed once for a read-only tree, and again for a tree that may change', () => {
    const ast = parseForAnalysis('h.mjs', SRC);
    expect(moduleBindingUses({ ast })).not.toBe(moduleBindingUses({ ast }));
    markReadOnly(ast);
    expect(moduleBindingUses({ ast })).toBe(moduleBindingUses({ ast }));
  });
});

describe('speed', () => {
  it('analyses a large file quickly', () => {
    const parts = ['let total = 0;', 'const cache = new Map();'];
    for (let i = 0; i < 2000; i++) parts.push(`function f${i}(k) { total += ${i}; cache.set(k, f${Math.max(0, i - 1)}); return k; }`);
    parts.push('export const handler = async (e) => { total += await f1999(e); return total; };');
    const src = parts.join('\n');
    const start = performance.now();
    const a = rawAnalysis('big.mjs', src);
    expect(a.bindings.get('total')!.references.length).toBeGreaterThan(4000);
    expect(a.bindings.reachable.size).toBe(2001);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});
