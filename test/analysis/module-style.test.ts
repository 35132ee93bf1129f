import { describe, expect, it } from 'vitest';
import { moduleStyle } from '../../transforms/analysis/module-style';
import { parseForAnalysis } from '../../transforms/analysis/parser';

const style = (file: string, src: string, packageType?: 'module' | 'commonjs') => moduleStyle(file, parseForAnalysis(file, src), packageType);

describe('moduleStyle', () => {
  it('trusts .mjs/.mts and .cjs/.cts over content and package type', () => {
    expect(style('a.mjs', "const x = require('x');", 'commonjs')).toBe('esm');
    expect(style('a.mts', '')).toBe('esm');
    expect(style('a.cjs', "import x from 'x';", 'module')).toBe('commonjs');
    expect(style('a.cts', '')).toBe('commonjs');
  });

  it.each([
    ['an import', "import x from 'x';"],
    ['a side-effect import', "import 'x';"],
    ['export const', 'export const handler = async () => {};'],
    ['export default', 'export default 1;'],
    ['export from', "export * from './x';"],
    ['ESM syntax with a stray require', "const x = require('x');\nexport const y = x;"],
  ])('ESM syntax: %s', (_name, src) => {
    expect(style('a.js', src, 'commonjs')).toBe('esm');
  });

  it.each([
    ['module.exports =', 'module.exports = {};'],
    ['exports.x =', 'exports.handler = async () => {};'],
    ['module.exports.x =', 'module.exports.handler = 1;'],
    ['require', "const fs = require('fs');"],
    ['require member', "const readFile = require('fs').readFile;"],
  ])('CommonJS: %s (even in a "type": "module" package)', (_name, src) => {
    expect(style('a.js', src, 'module')).toBe('commonjs');
  });

  it('TypeScript CommonJS forms (`import x = require()`, `export =`) and type-only ESM syntax', () => {
    expect(style('a.ts', "import fs = require('fs');", 'module')).toBe('commonjs');
    expect(style('a.ts', 'const h = 1;\nexport = h;', 'module')).toBe('commonjs');
    expect(style('a.ts', "import type { A } from 'a';\nexport type B = A;\nconst x = require('x');")).toBe('commonjs');
    expect(style('a.ts', "import type { A } from 'a';\nexport const h = 1;")).toBe('esm');
  });

  it('falls back to the package type, then CommonJS', () => {
    expect(style('a.js', 'console.log(1);', 'module')).toBe('esm');
    expect(style('a.js', 'console.log(1);', 'commonjs')).toBe('commonjs');
    expect(style('a.js', 'console.log(1);')).toBe('commonjs');
  });
});
