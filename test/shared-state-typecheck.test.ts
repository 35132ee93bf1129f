// The TypeScript results of the shared-state fixtures (outputs, and inputs that must not change)
// type-check under strict tsc: added parameters, stores, locks and snapshots are valid TypeScript.
import { tscErrors } from './support/tsc';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, '__testfixtures__', 'shared-state');

/** Ambient declarations for the packages the fixtures import (their real types do not matter here). */
function stubs(sources: string[]): string {
  const depsNames = new Set<string>();
  for (const s of sources) {
    for (const m of s.matchAll(/import \{([^}]*)\} from 'deps'/g)) m[1].split(',').map((n) => n.trim()).filter(Boolean).forEach((n) => depsNames.add(n));
  }
  return [
    `declare module 'deps' { export const ${[...depsNames].map((n) => `${n}: any`).join(', ')}; }`,
    "declare module '@middy/core' { const middy: any; export default middy; }",
    "declare module 'async-mutex' { export class Mutex { runExclusive<T>(fn: () => T | Promise<T>): Promise<T>; } }",
  ].join('\n');
}

it('shared-state TypeScript results type-check (strict)', () => {
  const files = readdirSync(FIXTURES);
  const results = files
    .filter((f) => /\.input\.ts$/.test(f))
    .map((f) => (files.includes(f.replace('.input.', '.output.')) ? f.replace('.input.', '.output.') : f));
  expect(results.length).toBeGreaterThanOrEqual(10);
  const cacheDir = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(cacheDir, 'shared-state-tsc-'));
  try {
    const names = results.map((f) => {
      const name = f.replace(/\.(input|output)\.ts$/, '.ts');
      copyFileSync(join(FIXTURES, f), join(dir, name));
      return name;
    });
    writeFileSync(join(dir, 'stubs.d.ts'), stubs(results.map((f) => readFileSync(join(FIXTURES, f), 'utf8'))));
    const compilerOptions = { target: 'es2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], lib: ['es2023'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [...names, 'stubs.d.ts'] }));
    expect(tscErrors(join(dir, 'tsconfig.json'))).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
