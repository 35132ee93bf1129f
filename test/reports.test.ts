// PR-ready output: the patch file, the Markdown report, SARIF (validated against the official
// 2.1.0 schema, vendored in test/schemas) and --max-warnings. Runs the CLI in-process.
import { captureIO } from './support/capture-io';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-rep-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function cli(args: string[], cwd: string) {
  const run = captureIO(cwd, { LMI_MIGRATE_DOCS_URL: 'https://example.com/lmi/MIGRATION.md' });
  const code = await main(args, run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const TMP = `const fs = require('fs');

exports.handler = async (event) => {
  fs.writeFileSync('/tmp/out.json', JSON.stringify(event));
  return fs.readFileSync('/tmp/out.json', 'utf8');
};
`;
// a path built from the event: reported, not rewritten
const MANUAL = `import { writeFile } from 'node:fs/promises';

export const handler = async (event) => {
  await writeFile(\`/tmp/\${event.name}\`, 'x');
  return 'ok';
};
`;

describe('PR-ready output', () => {
  it('--diff-out writes one patch that git apply accepts on a fresh copy', async () => {
    const dir = project({ 'src/a.js': TMP, 'src/b.mjs': MANUAL });
    const r = await cli(['--dry', '--diff-out', 'lmi.patch', 'src'], dir);
    expect(r.code).toBe(1);
    const patch = readFileSync(join(dir, 'lmi.patch'), 'utf8');
    expect(patch).toContain('--- a/src/a.js');
    const fresh = project({ 'src/a.js': TMP, 'src/b.mjs': MANUAL });
    execFileSync('git', ['init', '-q'], { cwd: fresh });
    writeFileSync(join(fresh, 'lmi.patch'), patch);
    execFileSync('git', ['apply', '--check', 'lmi.patch'], { cwd: fresh });
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe(TMP);
  });

  it('--report writes a Markdown report: summary table, changed files with their rules, follow-ups with links', async () => {
    const dir = project({ 'src/a.js': TMP, 'src/b.mjs': MANUAL });
    await cli(['--yes', '--report', 'lmi.md', 'src'], dir);
    const md = readFileSync(join(dir, 'lmi.md'), 'utf8');
    expect(md).toMatch(/^## LMI migration report/);
    expect(md).toContain('| rule | severity | findings | fixed automatically | manual |');
    expect(md).toMatch(/\| \[`tmp-fixed-path`\]\(https:\/\/example\.com\/lmi\/MIGRATION\.md#tmp-fixed-path\) \| error \| \d+ \| \d+ \| \d+ \|/);
    expect(md).toContain('### Files changed');
    expect(md).toMatch(/- `src\/a\.js`: [a-z-, ]*tmp-paths/);
    expect(md).toContain('### Left for a human');
    expect(md).toMatch(/\| `src\/b\.mjs:4` \| \[`tmp-fixed-path`\]/);
    expect(md).toContain('### Next steps');
  });

  it('check --format sarif is valid SARIF 2.1.0 with rule metadata and one result per finding', async () => {
    const dir = project({ 'src/a.js': TMP, 'src/b.mjs': MANUAL, 'src/broken.js': 'let = ;\n' });
    const json = await cli(['check', '--format', 'json'], dir);
    const r = await cli(['check', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(join(__dirname, 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    const findings = JSON.parse(json.stdout).findings;
    expect(run.results).toHaveLength(findings.length);
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'tmp-fixed-path');
    expect(rule.helpUri).toBe('https://example.com/lmi/MIGRATION.md#tmp-fixed-path');
    expect(rule.help.text).toContain('MIGRATION.md#tmp-fixed-path');
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'tmp-fixed-path');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('tmp-fixed-path');
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(result.locations[0].physicalLocation.region.startColumn).toBeGreaterThan(0);
    expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/broken.js');
  });

  it('check --format markdown and --output write the report to a file', async () => {
    const dir = project({ 'src/b.mjs': MANUAL });
    const r = await cli(['check', '--format', 'markdown', '--output', 'findings.md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const md = readFileSync(join(dir, 'findings.md'), 'utf8');
    expect(md).toContain('### Left for a human');
    expect(md).toContain('`src/b.mjs:4`');
  });

  it('--max-warnings: warnings and info fail only above the threshold; errors always fail', async () => {
    const dir = project({ 'src/b.mjs': MANUAL });
    const findings = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout).findings as Array<{ severity: string }>;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const others = findings.length - errors;
    const high = await cli(['check', '--max-warnings', String(others + 5)], dir);
    expect(high.code).toBe(errors > 0 ? 1 : 0);
    expect((await cli(['check', '--max-warnings', 'lots'], dir)).code).toBe(2);
    const clean = project({ 'x.mjs': 'export const x = 1;\n' });
    expect((await cli(['check', '--max-warnings', '0'], clean)).code).toBe(0);
  });
});
