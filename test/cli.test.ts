// The CLI contract, tested by running the real bin as a subprocess on throwaway projects.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'cli', 'bin.cjs');
const made: string[] = [];

function run(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input: input ?? '', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

// A hazard the foundation's transform fixes: a fixed /tmp path written and read back per invocation.
const TMP_HANDLER = `const fs = require('fs');

exports.handler = async (event) => {
  fs.writeFileSync('/tmp/report.csv', event.rows.join('\\n'));
  const data = fs.readFileSync('/tmp/report.csv', 'utf8');
  return { size: data.length };
};
`;
const SAFE = `// nothing to migrate here
export const add = (a, b) => a + b;
`;

describe('lmi-migrate CLI', () => {
  it('--version names the parsing stack', () => {
    const r = run(['--version'], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lmi-migrate \d+\.\d+\.\d+ \(jscodeshift 17\.\d+\.\d+, recast 0\.23\.\d+, @babel\/parser 7\.\d+\.\d+\)/);
  });

  it('list shows transforms and rules, as text and JSON', () => {
    const text = run(['list'], process.cwd());
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('tmp-paths');
    expect(text.stdout).toContain('tmp-fixed-path');
    const json = JSON.parse(run(['list', '--json'], process.cwd()).stdout);
    expect(json.transforms.map((t: { id: string }) => t.id)).toContain('tmp-paths');
    const rule = json.rules.find((r: { id: string }) => r.id === 'tmp-fixed-path');
    expect(rule).toMatchObject({ fixedBy: 'tmp-paths', docs: 'MIGRATION.md#tmp-fixed-path' });
  });

  it('check --format json prints the stable shape and exits 1 on findings', () => {
    const dir = project({ 'src/report.js': TMP_HANDLER, 'src/util.mjs': SAFE });
    const r = run(['check', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['version', 'files', 'findings', 'changes', 'errors']);
    expect(report).toMatchObject({ version: 1, files: 2, changes: [], errors: [] });
    const f = report.findings.find((x: { rule: string }) => x.rule === 'tmp-fixed-path');
    expect(f).toMatchObject({ file: 'src/report.js', line: 4, severity: expect.stringMatching(/error|warning|info/), fixable: 'tmp-paths' });
    expect(typeof f.column).toBe('number');
    expect(typeof f.message).toBe('string');
  });

  it('check exits 0 on a clean project and never writes', () => {
    const dir = project({ 'a.mjs': SAFE });
    const before = snapshot(dir);
    const r = run(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
    expect(snapshot(dir)).toEqual(before);
  });

  it('check --rule limits the rules; an unknown rule id exits 2 and lists the valid ids', () => {
    const dir = project({ 'src/report.js': TMP_HANDLER });
    const only = JSON.parse(run(['check', '--format', 'json', '--rule', 'tmp-shared-cache'], dir).stdout);
    expect(only.findings).toEqual([]);
    const bad = run(['check', '--rule', 'no-such-rule'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no-such-rule');
    expect(bad.stderr).toContain('tmp-fixed-path');
  });

  it('a file with a syntax error is reported and the rest are processed', () => {
    const dir = project({ 'src/broken.js': 'export const = ;\n', 'src/report.js': TMP_HANDLER });
    const r = run(['check', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ file: 'src/broken.js', line: 1 });
    expect(report.findings.some((f: { file: string }) => f.file === 'src/report.js')).toBe(true);
    // nothing could be processed: exit 2
    const onlyBroken = project({ 'broken.ts': 'let x: = 1;\n' });
    expect(run(['check'], onlyBroken).code).toBe(2);
  });

  it('apply --dry prints a patch that git apply accepts, and writes nothing', () => {
    const dir = project({ 'src/report.js': TMP_HANDLER, 'src/util.mjs': SAFE });
    const before = snapshot(dir);
    const r = run(['apply', 'tmp-paths', '--dry'], dir);
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(r.stdout).toMatch(/^--- a\/src\/report\.js\n\+\+\+ b\/src\/report\.js\n@@ /);
    const copy = project({ 'src/report.js': TMP_HANDLER, 'src/util.mjs': SAFE });
    execFileSync('git', ['init', '-q'], { cwd: copy });
    writeFileSync(join(copy, 'fix.patch'), r.stdout);
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: copy });
    execFileSync('git', ['apply', 'fix.patch'], { cwd: copy });
    // the patched copy equals what `apply` writes
    run(['apply', 'tmp-paths'], dir);
    expect(readFileSync(join(copy, 'src/report.js'), 'utf8')).toBe(readFileSync(join(dir, 'src/report.js'), 'utf8'));
  });

  it('apply writes changed files only; untouched files stay byte-identical; a second run changes nothing', () => {
    const dir = project({ 'src/report.js': TMP_HANDLER, 'src/util.mjs': SAFE, 'src/other.ts': 'export const x: number = 1;\n' });
    const before = snapshot(dir);
    const mtime = statSync(join(dir, 'src/util.mjs')).mtimeMs;
    const r = run(['apply', 'tmp-paths', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout);
    expect(report.changes.map((c: { file: string }) => c.file)).toEqual(['src/report.js']);
    expect(report.changes[0].transforms).toEqual(['tmp-paths']);
    const after = snapshot(dir);
    expect(after['src/report.js']).not.toBe(before['src/report.js']);
    expect(after['src/util.mjs']).toBe(before['src/util.mjs']);
    expect(after['src/other.ts']).toBe(before['src/other.ts']);
    expect(statSync(join(dir, 'src/util.mjs')).mtimeMs).toBe(mtime);
    const again = JSON.parse(run(['apply', 'tmp-paths', '--format', 'json'], dir).stdout);
    expect(again.changes).toEqual([]);
    expect(snapshot(dir)).toEqual(after);
  });

  it('keeps CRLF line endings and a BOM in changed files', () => {
    const crlf = '\uFEFF' + TMP_HANDLER.replace(/\n/g, '\r\n');
    const dir = project({ 'h.js': crlf });
    run(['apply', 'tmp-paths'], dir);
    const out = readFileSync(join(dir, 'h.js'), 'utf8');
    expect(out).not.toBe(crlf);
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('an unknown transform id exits 2 and lists the valid ids', () => {
    const r = run(['apply', 'no-such-transform'], process.cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown transform id "no-such-transform"');
    expect(r.stderr).toContain('tmp-paths');
  });

  it('without a TTY and without --yes/--dry it exits 2 at once and names the flags', () => {
    const dir = project({ 'a.mjs': SAFE });
    const started = Date.now();
    const r = run([], dir);
    expect(r.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    const r2 = run(['.'], dir);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--yes');
    expect(r2.stderr).toContain('--dry');
  });

  it('an unknown option or a missing path is a usage error (exit 2)', () => {
    const dir = project({ 'a.mjs': SAFE });
    expect(run(['check', '--frobnicate'], dir).code).toBe(2);
    expect(run(['check', '--format', 'xml'], dir).code).toBe(2);
    const missing = run(['check', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope');
  });

  it('skips node_modules, dist and .gitignored files, but always scans a file named explicitly', () => {
    const dir = project({
      '.gitignore': 'generated/\n',
      'node_modules/dep/index.js': TMP_HANDLER,
      'dist/report.js': TMP_HANDLER,
      'generated/report.js': TMP_HANDLER,
      'types.d.ts': 'export declare const x: number;\n',
      'src/report.js': TMP_HANDLER,
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const all = JSON.parse(run(['check', '--format', 'json'], dir).stdout);
    expect(all.files).toBe(1);
    expect(new Set(all.findings.map((f: { file: string }) => f.file))).toEqual(new Set(['src/report.js']));
    const explicit = JSON.parse(run(['check', '--format', 'json', 'generated/report.js'], dir).stdout);
    expect(explicit.files).toBe(1);
    expect(explicit.findings[0].file).toBe('generated/report.js');
    const ignored = JSON.parse(run(['check', '--format', 'json', '--ignore', 'src/**'], dir).stdout);
    expect(ignored.files).toBe(0);
  });

  it('--yes applies every transform and --dry with --format json lists the planned changes', () => {
    const dir = project({ 'src/report.js': TMP_HANDLER });
    const dry = JSON.parse(run(['--dry', '--format', 'json'], dir).stdout);
    expect(dry.changes.map((c: { file: string }) => c.file)).toEqual(['src/report.js']);
    expect(readFileSync(join(dir, 'src/report.js'), 'utf8')).toBe(TMP_HANDLER);
    const yes = JSON.parse(run(['--yes', '--format', 'json'], dir).stdout);
    expect(yes.changes.map((c: { file: string }) => c.file)).toEqual(['src/report.js']);
    // what --yes wrote is exactly what the --dry patch described
    const copy = project({ 'src/report.js': TMP_HANDLER, 'fix.patch': dry.changes[0].diff });
    execFileSync('git', ['init', '-q'], { cwd: copy });
    execFileSync('git', ['apply', 'fix.patch'], { cwd: copy });
    expect(readFileSync(join(dir, 'src/report.js'), 'utf8')).toBe(readFileSync(join(copy, 'src/report.js'), 'utf8'));
    expect(readFileSync(join(dir, 'src/report.js'), 'utf8')).not.toBe(TMP_HANDLER);
  });
});
