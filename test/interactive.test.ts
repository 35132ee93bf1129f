// The review loop and its one-key prompt, driven without a terminal.
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { keyPrompt, type KeyChoice } from '../cli/interactive/key-prompt';
import { emptyOutcome, review, type ReviewDeps } from '../cli/interactive/review';
import { applyHunks, hunksOf } from '../cli/interactive/hunks';
import { palette } from '../cli/format/color';
import { unifiedDiff, type PlannedChange } from '../cli/pipeline';

const CHOICES: KeyChoice[] = [
  { key: 'y', value: 'yes', description: 'apply this file' },
  { key: 'n', value: 'no', description: 'skip this file' },
];

describe('keyPrompt', () => {
  it('answers on a single key, without Enter', async () => {
    const { answer, events, getScreen } = await render(keyPrompt, { message: 'Apply this change?', choices: CHOICES });
    expect(getScreen()).toContain('Apply this change? [y,n,?]');
    events.type('n');
    await expect(answer).resolves.toBe('no');
    expect(getScreen()).toContain('Apply this change? [y,n,?] n');
  });

  it('? lists the choices; an unknown key says which keys work', async () => {
    const { answer, events, getScreen } = await render(keyPrompt, { message: 'Apply?', choices: CHOICES });
    events.type('?');
    expect(getScreen()).toContain('y - apply this file');
    expect(getScreen()).toContain('n - skip this file');
    events.type('x');
    expect(getScreen()).toContain('press one of y,n,?');
    events.type('y');
    await expect(answer).resolves.toBe('yes');
  });
});

// A file whose change has two hunks far apart: an import at the top and a rewrite at the bottom.
const BEFORE = ['const a = 1;', ...Array.from({ length: 12 }, (_, i) => `const filler${i} = ${i};`), 'module.exports = a;', ''].join('\n');
const AFTER = ['const b = 2;', 'const a = 1;', ...Array.from({ length: 12 }, (_, i) => `const filler${i} = ${i};`), 'module.exports = a + b;', ''].join('\n');

function change(file: string, before = BEFORE, after = AFTER): PlannedChange {
  return { file, abs: `/nowhere/${file}`, before, after, transforms: ['tmp-paths'], diff: unifiedDiff(file, before, after) };
}

function scripted(answers: string[]) {
  const written = new Map<string, string>();
  const asked: string[] = [];
  const deps: ReviewDeps = {
    ask: async (message) => {
      asked.push(message);
      const next = answers.shift();
      if (next === undefined) throw new Error(`unexpected question: ${message}`);
      if (next === 'CTRL-C') throw Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
      return next;
    },
    print: () => {},
    write: (c, content) => {
      written.set(c.file, content);
      return null;
    },
    palette: palette(false),
    pageLines: 1000,
  };
  return { deps, written, asked };
}

describe('review', () => {
  it('y applies, n skips, a applies the rest', async () => {
    const { deps, written } = scripted(['yes', 'no', 'all']);
    const out = await review([change('1.js'), change('2.js'), change('3.js'), change('4.js')], () => [], deps);
    expect([...written.keys()]).toEqual(['1.js', '3.js', '4.js']);
    expect(written.get('1.js')).toBe(AFTER);
    expect(out.skipped.map((c) => c.file)).toEqual(['2.js']);
    expect(out.quit).toBe(false);
  });

  it('d skips all remaining, q quits without writing anything further', async () => {
    const d = scripted(['yes', 'done']);
    const outD = await review([change('1.js'), change('2.js'), change('3.js')], () => [], d.deps);
    expect([...d.written.keys()]).toEqual(['1.js']);
    expect(outD.skipped.map((c) => c.file)).toEqual(['2.js', '3.js']);
    const q = scripted(['quit']);
    const outQ = await review([change('1.js'), change('2.js')], () => [], q.deps);
    expect(q.written.size).toBe(0);
    expect(outQ.quit).toBe(true);
  });

  it('s applies only the chosen hunks', async () => {
    expect(hunksOf('x.js', BEFORE, AFTER)).toHaveLength(2);
    const { deps, written } = scripted(['split', 'no', 'yes']);
    const out = await review([change('x.js')], () => [], deps);
    const expected = BEFORE.replace('module.exports = a;', 'module.exports = a + b;');
    expect(written.get('x.js')).toBe(expected);
    expect(out.written[0].partial).toBe(true);
    // what is reported as written is the partial change, not the whole one
    expect(out.written[0].change.after).toBe(expected);
  });

  it('when the chosen hunks would not parse, it says so and offers the whole file or nothing', async () => {
    const before = ['function f() {', '  return 1;', ...Array.from({ length: 10 }, () => '  // …'), '}', ''].join('\n');
    const after = ['function f() {', '  try {', '  return 1;', ...Array.from({ length: 10 }, () => '  // …'), '  } finally {}', '}', ''].join('\n');
    expect(applyHunks('f.js', before, hunksOf('f.js', before, after).slice(0, 1))).not.toBeNull();
    const printed: string[] = [];
    const whole = scripted(['split', 'yes', 'no', 'yes']);
    whole.deps.print = (t) => printed.push(t);
    await review([change('f.js', before, after)], () => [], whole.deps);
    expect(printed.join('')).toContain('would not be valid code');
    expect(whole.written.get('f.js')).toBe(after);
    const nothing = scripted(['split', 'yes', 'no', 'no']);
    const out = await review([change('f.js', before, after)], () => [], nothing.deps);
    expect(nothing.written.size).toBe(0);
    expect(out.skipped).toHaveLength(1);
  });

  it('Ctrl-C propagates after writing only the files already approved', async () => {
    const { deps, written } = scripted(['yes', 'CTRL-C']);
    const outcome = emptyOutcome();
    await expect(review([change('1.js'), change('2.js'), change('3.js')], () => [], deps, outcome)).rejects.toThrow('force closed');
    expect([...written.keys()]).toEqual(['1.js']);
    expect(outcome.written.map((w) => w.change.file)).toEqual(['1.js']);
  });

  it('long diffs are truncated with a line count, and v shows all', async () => {
    const printed: string[] = [];
    const { deps } = scripted(['view', 'no']);
    deps.pageLines = 5;
    deps.print = (t) => printed.push(t);
    await review([change('x.js')], () => [], deps);
    const text = printed.join('');
    expect(text).toMatch(/… \d+ more lines \(v to view all\)/);
    expect(text).toContain('+module.exports = a + b;');
  });
});
