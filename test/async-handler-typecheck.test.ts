// The TypeScript fixture outputs of async-handler must type-check (strict, with the aws-lambda
// types), so the rewritten signatures are really valid: `tsc --noEmit` over a temp project.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tscErrors } from './support/tsc';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, '__testfixtures__', 'async-handler');

/** Expected results of the TypeScript cases: the .output.ts, or the input when it must not change. */
function typescriptResults(): string[] {
  const files = readdirSync(FIXTURES);
  return files
    .filter((f) => /\.input\.ts$/.test(f))
    .map((f) => {
      const out = f.replace('.input.', '.output.');
      return files.includes(out) ? out : f;
    });
}

describe('async-handler TypeScript outputs', () => {
  const results = typescriptResults();

  it('has TypeScript cases', () => {
    expect(results.length).toBeGreaterThanOrEqual(5);
  });

  it('type-check with tsc --noEmit (strict, types node + aws-lambda)', () => {
    // inside node_modules so 'aws-lambda' and 'node:*' resolve to the installed @types
    const cacheDir = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    const dir = mkdtempSync(join(cacheDir, 'async-handler-tsc-'));
    try {
      const files = results.map((f) => {
        const name = f.replace(/\.(input|output)\.ts$/, '.ts');
        copyFileSync(join(FIXTURES, f), join(dir, name));
        return name;
      });
      const tsconfig = {
        compilerOptions: {
          target: 'es2022',
          module: 'preserve',
          moduleResolution: 'bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node', 'aws-lambda'],
          lib: ['es2023'],
        },
        files,
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      expect(tscErrors(join(dir, 'tsconfig.json'))).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
