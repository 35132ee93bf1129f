// Helper-module rewrites need functions that run no caller-supplied code (reentry.ts): what counts.
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { RULES } from '../transforms/registry';

/** The rmw-across-await finding of a helper module with `total += await …` in `add`: fixable or not. */
function fixable(body: string, extra = ''): boolean | undefined {
  const source = `import { priceOf, db } from 'deps';\nlet total = 0;\n${extra}\nexport async function add(item, options) {\n${body}\n  return total;\n}\n`;
  const found = analyseSource('helper.mjs', source, RULES).findings.filter((f) => f.rule === 'rmw-across-await');
  expect(found).toHaveLength(1);
  return found[0].fixable === 'shared-state';
}

describe('helper-module rewrites and caller-supplied code', () => {
  it('rewrites when the calls go to imports, globals, module functions and constants', () => {
    expect(fixable('  total += await priceOf(item);')).toBe(true);
    expect(fixable('  total += await db.price(JSON.stringify(item));')).toBe(true);
    expect(fixable('  total += await price(item);', 'const price = async (x) => priceOf(x);')).toBe(true);
  });

  it('does not when a call goes to a parameter, something derived from one, `this` or a module let', () => {
    expect(fixable('  total += await options.priceOf(item);')).toBe(false);
    expect(fixable('  const price = options.price;\n  total += await price(item);')).toBe(false);
    expect(fixable('  total += await priceOf(item);\n  await this.done();')).toBe(false);
    expect(fixable('  total += await hook(item);', 'let hook = priceOf;\nexport function setHook(h) { hook = h; }')).toBe(false);
    expect(fixable('  total += await priceOf(item);\n  await arguments[1]();')).toBe(false);
    // a module object callers register functions in
    expect(fixable('  total += await hooks.price(item);', 'const hooks = {};\nexport function on(name, fn) { hooks[name] = fn; }')).toBe(false);
    // …but an empty Map's own methods are the built-in ones
    expect(fixable('  total += await priceOf(item);\n  seen.set(item.id, true);', 'const seen = new Map();')).toBe(true);
  });

  it('does not when the function may call itself again, directly or through an in-file function', () => {
    expect(fixable('  total += await priceOf(item);\n  if (item.next) await add(item.next, options);')).toBe(false);
    expect(fixable('  total += await priceOf(item);\n  await visit(item);', 'async function visit(x) { if (x.next) await add(x.next); }')).toBe(false);
  });

  it('is conservative about values computed from parameters: a call on one is not rewritten either', () => {
    // `res` comes from fetch(item.url): the tool does not try to prove what a call returns
    expect(fixable('  const res = await fetch(item.url);\n  total += await res.json();')).toBe(false);
  });
});
