import { describe, expect, it } from 'vitest';
import { buildImportGraph } from '../../transforms/analysis/import-graph';

describe('buildImportGraph: resolution', () => {
  const graph = buildImportGraph([
    { file: 'src/handler.js', imports: [], hasHandler: true },
    { file: 'src/db.js', imports: [], hasHandler: false },
    { file: 'src/lib/state.ts', imports: [], hasHandler: false },
    { file: 'src/lib/index.mjs', imports: [], hasHandler: false },
    { file: 'src/util.cts', imports: [], hasHandler: false },
    { file: 'src/view.tsx', imports: [], hasHandler: false },
    { file: 'src/exact', imports: [], hasHandler: false },
  ]);

  it.each([
    ['./db', 'src/db.js'],
    ['./db.js', 'src/db.js'],
    ['./lib/state', 'src/lib/state.ts'],
    ['./lib/state.js', 'src/lib/state.ts'],
    ['./lib', 'src/lib/index.mjs'],
    ['./lib/', 'src/lib/index.mjs'],
    ['./util.cjs', 'src/util.cts'],
    ['./view.js', 'src/view.tsx'],
    ['./exact', 'src/exact'],
    ['../src/db', 'src/db.js'],
    ['./lib/../db', 'src/db.js'],
  ])('%s from src/handler.js → %s', (spec, expected) => {
    expect(graph.resolve('src/handler.js', spec)).toBe(expected);
  });

  it('leaves packages and missing files unresolved', () => {
    expect(graph.resolve('src/handler.js', 'pg')).toBeUndefined();
    expect(graph.resolve('src/handler.js', './missing')).toBeUndefined();
    expect(graph.resolve('src/handler.js', 'node:fs')).toBeUndefined();
  });

  it('accepts ./-prefixed and backslash paths', () => {
    const g = buildImportGraph([
      { file: './a.js', imports: ['./b'], hasHandler: true },
      { file: 'lib\\b.js', imports: [], hasHandler: false },
      { file: 'b.js', imports: [], hasHandler: false },
    ]);
    expect(g.importsOf('a.js')).toEqual(['b.js']);
    expect(g.resolve('./a.js', './lib/b')).toBe('lib\\b.js');
  });
});

describe('buildImportGraph: handlersReaching', () => {
  const graph = buildImportGraph([
    { file: 'src/orders.js', imports: ['./db', './lib/state.js'], hasHandler: true },
    { file: 'src/users.ts', imports: ['./lib/state.js'], hasHandler: true },
    { file: 'src/db.js', imports: ['./lib/config'], hasHandler: false },
    { file: 'src/lib/state.ts', imports: ['./config'], hasHandler: false },
    { file: 'src/lib/config.js', imports: ['./state'], hasHandler: false },
    { file: 'src/island.js', imports: [], hasHandler: false },
    { file: 'src/worker.js', imports: ['./orders'], hasHandler: true },
  ]);

  it('finds handlers through transitive imports, sorted', () => {
    expect(graph.handlersReaching('src/db.js')).toEqual(['src/orders.js', 'src/worker.js']);
    expect(graph.handlersReaching('src/lib/config.js')).toEqual(['src/orders.js', 'src/users.ts', 'src/worker.js']);
  });

  it('is safe on cycles (state ↔ config)', () => {
    expect(graph.handlersReaching('src/lib/state.ts')).toEqual(['src/orders.js', 'src/users.ts', 'src/worker.js']);
  });

  it('does not list the file itself, and is empty for unreached or unknown files', () => {
    expect(graph.handlersReaching('src/orders.js')).toEqual(['src/worker.js']);
    expect(graph.handlersReaching('src/island.js')).toEqual([]);
    expect(graph.handlersReaching('nope.js')).toEqual([]);
  });

  it('lists direct imports', () => {
    expect(graph.importsOf('src/orders.js')).toEqual(['src/db.js', 'src/lib/state.ts']);
  });

  it('handles thousands of files quickly', () => {
    const files = Array.from({ length: 5000 }, (_, i) => ({
      file: `src/m${i}.js`,
      imports: i > 0 ? [`./m${i - 1}`, `./m${Math.floor(i / 2)}`] : [],
      hasHandler: i % 100 === 99,
    }));
    const start = performance.now();
    const g = buildImportGraph(files);
    expect(g.handlersReaching('src/m0.js')).toHaveLength(50);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
