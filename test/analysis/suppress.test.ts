import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { parseForAnalysis, recastParserFor } from '../../transforms/analysis/parser';
import { suppressions } from '../../transforms/analysis/suppress';

describe.each([
  ['raw parser AST', (src: string) => parseForAnalysis('a.js', src)],
  ['recast AST', (src: string) => jscodeshift.withParser(recastParserFor('a.js'))(src).get().node],
] as const)('suppressions on the %s', (_label, parse) => {
  const check = (src: string) => suppressions(parse(src));

  it('silences the named rules on the next line only', () => {
    const s = check('a();\n// lmi-migrate-ignore-next-line tmp-fixed-path, sync-handler\nb();\nc();\n');
    expect(s('tmp-fixed-path', 3)).toBe(true);
    expect(s('sync-handler', 3)).toBe(true);
    expect(s('module-counter', 3)).toBe(false);
    expect(s('tmp-fixed-path', 4)).toBe(false);
    expect(s('tmp-fixed-path', 2)).toBe(false);
  });

  it('without a rule id silences every rule on the next line', () => {
    const s = check('a();\n// lmi-migrate-ignore-next-line\nb();\n');
    expect(s('anything', 3)).toBe(true);
    expect(s('anything', 1)).toBe(false);
  });

  it('stops reading rule ids at ` -- reason`', () => {
    const s = check('// lmi-migrate-ignore-next-line tmp-fixed-path -- we own this dir\nb();\n');
    expect(s('tmp-fixed-path', 2)).toBe(true);
    expect(s('we', 2)).toBe(false);
    const all = check('// lmi-migrate-ignore-next-line -- reviewed\nb();\n');
    expect(all('sync-handler', 2)).toBe(true);
  });

  it('accepts a block comment, also one spanning lines (next line = after the comment ends)', () => {
    const s = check('/* lmi-migrate-ignore-next-line\n   module-counter */\nb();\n');
    expect(s('module-counter', 3)).toBe(true);
    expect(s('other', 3)).toBe(false);
  });

  it('silences the whole file from a comment before the first statement', () => {
    const s = check("'use strict';\n/* lmi-migrate-ignore client-per-invocation */\nconst a = 1;\nb();\n");
    expect(s('client-per-invocation', 4)).toBe(true);
    expect(s('tmp-fixed-path', 4)).toBe(false);
    const all = check('// lmi-migrate-ignore\nconst a = 1;\n');
    expect(all('x', 99)).toBe(true);
  });

  it('ignores a whole-file comment after the first statement and plain comments', () => {
    const s = check('const a = 1;\n// lmi-migrate-ignore tmp-fixed-path\nb();\n// unrelated\n');
    expect(s('tmp-fixed-path', 3)).toBe(false);
    expect(check('// nothing to see\na();\n')('x', 2)).toBe(false);
  });
});
