// simulate's "likely causes": the findings of the handler file and of the local modules it
// reaches through relative imports (never node_modules, never outside the task root).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likelyCausesFor } from '../cli/simulate/likely-causes';

let dir: string;
let root: string;

function write(rel: string, text: string) {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-causes-'));
  root = join(dir, 'svc');
  write('svc/package.json', '{ "name": "svc" }\n');
  write('svc/src/handler.js', [
    "const { save } = require('./lib/store');",
    "const shared = require('../../outside');",
    "const lib = require('some-lib');",
    'exports.handler = async (event) => {',
    '  await save(event.id);',
    "  return { ok: true, shared, lib };",
    '};',
    '',
  ].join('\n'));
  // reached through lib/store.js only: imports are followed transitively
  write('svc/src/lib/store.js', "const { count } = require('./counter');\nlet last;\nexports.save = async (id) => {\n  last = id;\n  await count();\n  return last;\n};\n");
  write('svc/src/lib/counter.js', 'let n = 0;\nexports.count = async () => {\n  n += await Promise.resolve(1);\n  return n;\n};\n');
  write('svc/src/lib/unused.js', 'let x = 0;\nexports.bump = async () => { x += await Promise.resolve(1); };\n');
  write('outside.js', 'let y = 0;\nmodule.exports = async () => { y += await Promise.resolve(1); };\n');
  write('svc/node_modules/some-lib/index.js', 'let z = 0;\nmodule.exports = async () => { z += await Promise.resolve(1); };\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('likelyCausesFor', () => {
  it('lists the findings of the local modules the handler reaches, with their paths', async () => {
    const causes = await likelyCausesFor(join(root, 'src', 'handler.js'), root);
    const files = [...new Set(causes.map((c) => c.file))];
    expect(files).toEqual(expect.arrayContaining(['src/lib/store.js', 'src/lib/counter.js']));
    expect(files).not.toContain('src/lib/unused.js');
    expect(files.some((f) => f.includes('outside') || f.includes('node_modules'))).toBe(false);
    expect(causes).toContainEqual(expect.objectContaining({ file: 'src/lib/counter.js', rule: 'rmw-across-await', line: 3 }));
    expect(causes).toContainEqual(expect.objectContaining({ file: 'src/lib/store.js', rule: 'module-state-per-request' }));
  });

  it('puts the handler file first', async () => {
    write('svc/src/own.js', "const { save } = require('./lib/store');\nlet current;\nexports.handler = async (event) => {\n  current = event.id;\n  await save(current);\n  return { current };\n};\n");
    const causes = await likelyCausesFor(join(root, 'src', 'own.js'), root);
    expect(causes[0].file).toBe('src/own.js');
    expect(causes.some((c) => c.file === 'src/lib/store.js')).toBe(true);
  });
});
