// The two tmp-paths rules on every tmp-paths fixture (only these rules, so other rules' findings
// do not matter here), and the contract between rules and transform: a file changes exactly when
// a finding is fixable, and the migrated file has no fixable finding left.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { tmpPaths } from '../transforms/tmp-paths';
import { tmpFixedPath, tmpSharedCache } from '../transforms/tmp-paths/rules';

const RULES = [tmpFixedPath, tmpSharedCache];
const FOLDER = join(__dirname, '..', '__testfixtures__', 'tmp-paths');
const F = 'tmp-fixed-path';
const C = 'tmp-shared-cache';
const fix = 'tmp-paths';

/** Expected findings of the two rules per fixture: [rule, line, fixable transform or null]. */
const EXPECTED: Record<string, Array<[string, number, string | null]>> = {
  'cache-callback.js': [[C, 15, null]],
  'cjs-async-report.js': [[F, 11, fix]],
  'cjs-streams-pipeline.js': [[F, 10, fix]],
  'escapes-to-module.mjs': [[F, 7, null]],
  'esm-sync-child-process.mjs': [[F, 6, fix], [F, 7, fix]],
  'event-file-name.js': [[F, 8, null]],
  'exported-constant.ts': [[F, 6, null]],
  'expression-body.mjs': [[F, 4, fix]],
  'init-write.mjs': [[C, 8, fix]],
  'module-constant-chain.js': [[F, 9, fix]],
  'neg-bundled-read.js': [],
  'neg-random-uuid.ts': [],
  'neg-request-id.js': [],
  'neg-unique-mkdtemp.mjs': [],
  'open-write-flags.js': [[F, 4, fix]],
  'require-os-tmpdir-sync.cjs': [[F, 6, fix]],
  'resolve-default-imports.mjs': [[F, 11, fix]],
  'return-await.mjs': [[F, 8, fix]],
  'shared-cache-exists.js': [[C, 9, fix]],
  'shared-cache-pipeline.mjs': [[C, 13, fix]],
  'suppressed.js': [],
  'sync-handler-stream.js': [[F, 4, null]],
  'tmpdir-join-child-process.mjs': [[F, 14, fix], [F, 15, fix]],
  'ts-module-constant.ts': [[F, 20, fix]],
  'ts-template-literal.ts': [[F, 9, fix]],
  'two-handlers.js': [[F, 6, null], [F, 11, null]],
  'two-handlers-own-files.js': [[F, 5, fix], [F, 12, fix]],
};

const cases = readdirSync(FOLDER)
  .filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f))
  .map((f) => ({ input: f, path: f.replace('.input.', '.') }));

describe('tmp-paths rules on the fixtures', () => {
  it('every fixture has an expectation here', () => {
    expect(cases.map((c) => c.path).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const { input, path } of cases) {
    const source = readFileSync(join(FOLDER, input), 'utf8');
    const findings = analyseSource(path, source, RULES).findings;

    it(`${path}: findings`, () => {
      expect(findings.map((f) => [f.rule, f.line, f.fixable])).toEqual(EXPECTED[path]);
      for (const f of findings) expect(f.hint, f.message).toBeTruthy();
    });

    it(`${path}: changed exactly when a finding is fixable; nothing fixable is left`, () => {
      const result = transformSource(path, source, [tmpPaths]);
      expect(result.changed).toBe(findings.some((f) => f.fixable));
      const after = analyseSource(path, result.output, RULES).findings;
      expect(after.filter((f) => f.fixable)).toEqual([]);
      // what could not be fixed is still reported, and nothing new appears
      expect(after.map((f) => [f.rule, f.message])).toEqual(findings.filter((f) => !f.fixable).map((f) => [f.rule, f.message]));
    });
  }
});

describe('tmp-paths findings explain why nothing was rewritten', () => {
  const messages = (file: string, source: string) => analyseSource(file, source, RULES).findings.map((f) => f.message);

  it('names the module a path escapes to', () => {
    const src = readFileSync(join(FOLDER, 'escapes-to-module.input.mjs'), 'utf8');
    expect(messages('a.mjs', src)[0]).toMatch(/passed to uploadFile from '\.\/storage\.mjs'/);
  });

  it('follows a path kept in a local object that reaches another module', () => {
    const src = [
      "import { writeFile } from 'node:fs/promises';",
      "import { upload } from 'uploader';",
      'export const handler = async (event) => {',
      "  const file = '/tmp/x.bin';",
      '  await writeFile(file, event.body);',
      '  const options = { file, bucket: event.bucket };',
      '  await upload(options);',
      '};',
    ].join('\n');
    expect(messages('a.mjs', src)).toEqual([expect.stringMatching(/passed to upload from 'uploader'/)]);
    expect(transformSource('a.mjs', src, [tmpPaths]).changed).toBe(false);
  });

  it('does not rewrite a path the handler returns', () => {
    const src = "const fs = require('fs');\nexports.handler = async (e) => {\n  await fs.promises.writeFile('/tmp/out.json', e.body);\n  return { file: '/tmp/out.json' };\n};\n";
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/the path is returned/)]);
    expect(transformSource('a.js', src, [tmpPaths]).changed).toBe(false);
  });

  it('does not rewrite a path that is written and never used again', () => {
    const src = "const fs = require('fs');\nexports.handler = async (e) => {\n  await fs.promises.appendFile('/tmp/audit.log', e.line);\n};\n";
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/written but not used again/)]);
    expect(transformSource('a.js', src, [tmpPaths]).changed).toBe(false);
  });

  it('does not rewrite a callback write the handler does not wait for', () => {
    const src = "const fs = require('fs');\nexports.handler = async (e) => {\n  fs.writeFile('/tmp/a.txt', e.body, () => {});\n  return fs.promises.readFile('/tmp/a.txt');\n};\n";
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/callback that is not awaited/)]);
  });

  it('accepts a callback write wrapped in an awaited promise', () => {
    const src = [
      "const fs = require('fs');",
      'exports.handler = async (e) => {',
      "  await new Promise((resolve, reject) => fs.writeFile('/tmp/a.txt', e.body, (err) => (err ? reject(err) : resolve())));",
      "  return fs.promises.readFile('/tmp/a.txt');",
      '};',
    ].join('\n');
    expect(analyseSource('a.js', src, RULES).findings.map((f) => f.fixable)).toEqual([fix]);
  });

  it('does not rewrite when a stream may still be open after the handler returns', () => {
    const src = [
      "const fs = require('fs');",
      'exports.handler = async (event) => {',
      "  await fs.promises.writeFile('/tmp/page.html', event.html);",
      "  return { statusCode: 200, body: fs.createReadStream('/tmp/page.html') };",
      '};',
    ].join('\n');
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/createReadStream stream is not awaited/)]);
    expect(transformSource('a.js', src, [tmpPaths]).changed).toBe(false);
  });

  it('does not rewrite when a promise on the file is left pending', () => {
    const src = [
      "const fs = require('fs');",
      'exports.handler = async (event) => {',
      "  await fs.promises.writeFile('/tmp/a.json', event.body);",
      "  const pending = fs.promises.readFile('/tmp/a.json');",
      '  return { ok: true, pending };',
      '};',
    ].join('\n');
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/readFile\(\) is not awaited/)]);
  });

  it('does not rewrite a file that a module flag says later invocations reuse', () => {
    const src = [
      "const fs = require('fs');",
      'let downloaded = false;',
      'exports.handler = async (event) => {',
      '  if (!downloaded) {',
      "    await fs.promises.writeFile('/tmp/model.bin', await (await fetch(process.env.MODEL_URL)).arrayBuffer());",
      '    downloaded = true;',
      '  }',
      "  return { size: (await fs.promises.readFile('/tmp/model.bin')).length, input: event.input };",
      '};',
    ].join('\n');
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/depends on the module variable downloaded/)]);
    expect(transformSource('a.js', src, [tmpPaths]).changed).toBe(false);
  });

  it('treats a write in the catch of a read of the same file as a shared cache', () => {
    const src = [
      "import { readFile, writeFile } from 'node:fs/promises';",
      "const RATES = '/tmp/rates.json';",
      'export const handler = async (event) => {',
      '  let rates;',
      '  try {',
      "    rates = JSON.parse(await readFile(RATES, 'utf8'));",
      '  } catch {',
      '    rates = await (await fetch(process.env.RATES_URL)).json();',
      '    await writeFile(RATES, JSON.stringify(rates));',
      '  }',
      '  return { amount: event.amount * rates.eur };',
      '};',
    ].join('\n');
    const findings = analyseSource('a.mjs', src, RULES).findings;
    expect(findings.map((f) => [f.rule, f.line, f.fixable])).toEqual([[C, 9, fix]]);
    expect(transformSource('a.mjs', src, [tmpPaths]).output).toContain('await rename(partial, RATES);');
  });

  it('reports a path built from a module-level mutable variable as dynamic', () => {
    const src = "const fs = require('fs');\nlet name = 'a';\nexports.handler = async (e) => {\n  name = e.name;\n  await fs.promises.writeFile(`/tmp/${name}.json`, e.body);\n};\n";
    expect(messages('a.js', src)).toEqual([expect.stringMatching(/not fixed nor provably unique/)]);
  });
});

describe('tmp-paths pre-filter', () => {
  it('declares the tokens every finding needs, and the plan agrees with them', () => {
    expect(tmpFixedPath.needs).toEqual(['/tmp', 'tmpdir']);
    expect(tmpSharedCache.needs).toEqual(['/tmp', 'tmpdir']);
    // spelled without either token, the path is not analysed at all (a documented limit)
    const src = "const fs = require('fs');\nconst path = require('path');\nexports.handler = async (e) => {\n  const p = path.join('/', 'tmp', 'x');\n  await fs.promises.writeFile(p, e.body);\n  return fs.promises.readFile(p);\n};\n";
    expect(tmpFixedPath.check).toBeDefined();
    expect(analyseSource('a.js', src, RULES).findings).toEqual([]);
    expect(transformSource('a.js', src, [tmpPaths]).changed).toBe(false);
  });
});

describe('tmp-paths keeps the file style', () => {
  it('double quotes and CRLF line ends stay', () => {
    const src = 'const fs = require("fs");\r\n\r\nexports.handler = async (event) => {\r\n  await fs.promises.writeFile("/tmp/a.json", JSON.stringify(event));\r\n  return JSON.parse(await fs.promises.readFile("/tmp/a.json", "utf8"));\r\n};\r\n';
    const out = transformSource('a.js', src, [tmpPaths]).output;
    expect(out).toContain('const tmpDir = await fs.promises.mkdtemp(join(tmpdir(), "a-"));\r\n');
    expect(out).toContain('await fs.promises.writeFile(join(tmpDir, "a.json"), JSON.stringify(event));\r\n');
    expect(out).toContain('const { join } = require("path");\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).not.toContain("'");
  });
});
