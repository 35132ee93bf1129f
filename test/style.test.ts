// New code follows the file's own style: quotes, line endings, indentation, trailing commas, arrow parens.
import { describe, expect, it } from 'vitest';
import { detectStyle } from '../transforms/analysis/style';
import { parseForAnalysis } from '../transforms/analysis/parser';

const style = (src: string) => detectStyle(src, parseForAnalysis('x.js', src));

describe('detectStyle', () => {
  it('quotes: the majority of string literals', () => {
    expect(style(`const a = "x"; const b = "y"; const c = 'z';`).quote).toBe('double');
    expect(style(`const a = 'x';`).quote).toBe('single');
  });

  it('line terminator and indentation', () => {
    expect(style('function f() {\r\n    return 1;\r\n}\r\n')).toMatchObject({ lineTerminator: '\r\n', tabWidth: 4, useTabs: false });
    expect(style('function f() {\n\treturn 1;\n}\n')).toMatchObject({ lineTerminator: '\n', useTabs: true });
    expect(style('function f() {\n  return 1;\n}\n')).toMatchObject({ tabWidth: 2 });
  });

  it('trailing commas are read from multi-line literals only, not from blocks', () => {
    const withCommas = 'const o = {\n  a: 1,\n  b: 2,\n};\nfunction f() {\n  g();\n}\n';
    const without = 'const o = {\n  a: 1,\n  b: 2\n};\nconst l = [\n  1\n];\n';
    expect(style(withCommas).trailingComma).toBe(true);
    expect(style(without).trailingComma).toBe(false);
  });

  it('arrow parentheses follow the file', () => {
    expect(style('const f = (event) => event;\nconst g = (x) => x;').arrowParensAlways).toBe(true);
    expect(style('const f = event => event;\nconst g = x => x;').arrowParensAlways).toBe(false);
  });
});
