// Each transform file is also a standard jscodeshift transform: `jscodeshift -t transforms/<id>.ts`
// gives the same result as lmi-migrate, with the parser chosen per file by extension.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../transforms/engine/transform-source';
import { findTransform } from '../transforms/registry';

const dir = mkdtempSync(join(tmpdir(), 'lmi-jsc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'report.ts': `import { writeFileSync, readFileSync } from 'node:fs';

export const handler = async (event: { rows: string[] }): Promise<number> => {
  writeFileSync('/tmp/report.csv', event.rows.join('\\n'));
  return readFileSync('/tmp/report.csv', 'utf8').length;
};
`,
  'plain.js': `const fs = require('fs');

exports.handler = async (event) => {
  fs.writeFileSync('/tmp/plain.json', JSON.stringify(event));
  return fs.readFileSync('/tmp/plain.json', 'utf8');
};
`,
};

describe('jscodeshift -t transforms/tmp-paths.ts', () => {
  it('rewrites JS and TS files exactly as the engine does', () => {
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    const bin = join(__dirname, '..', 'node_modules', '.bin', 'jscodeshift');
    const r = spawnSync(bin, ['-t', join(__dirname, '..', 'transforms', 'tmp-paths.ts'), '--extensions=js,ts', '--run-in-band', dir], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('2 ok');
    for (const [name, text] of Object.entries(FILES)) {
      const expected = transformSource(name, text, [findTransform('tmp-paths')!]).output;
      expect(expected).not.toBe(text);
      expect(readFileSync(join(dir, name), 'utf8')).toBe(expected);
    }
  }, 120_000);
});
