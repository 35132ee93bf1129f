// The source files that differential tests run over: every fixture input and every example file
// (the `.output.` files are what a transform should print, not inputs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e !== 'node_modules') sources(p, out);
    } else if (/\.[cm]?[jt]sx?$/.test(e) && !/\.output\./.test(e)) out.push(p);
  }
  return out;
}

/** Absolute paths of every fixture input and example source file. */
export function fixtureAndExampleInputs(): string[] {
  return [...sources(join(ROOT, '__testfixtures__')), ...sources(join(ROOT, 'examples'))];
}
