// The interactive migration as a person uses it: the real CLI in a tmux pseudo-terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../transforms/engine/transform-source';
import { TRANSFORMS } from '../transforms/registry';

const BIN = join(__dirname, '..', 'cli', 'bin.cjs');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const dirs: string[] = [];
const sessions: string[] = [];

const FILES: Record<string, string> = {
  'a.js': `const fs = require('fs');

exports.handler = async (event) => {
  fs.writeFileSync('/tmp/a.json', JSON.stringify(event));
  return fs.readFileSync('/tmp/a.json', 'utf8');
};
`,
  'b.mjs': `import { writeFile, readFile } from 'node:fs/promises';

export const handler = async (event) => {
  await writeFile('/tmp/b.txt', String(event.n));
  return readFile('/tmp/b.txt', 'utf8');
};
`,
  // far enough apart that the import and the handler rewrite are separate hunks
  'c.js': `const fs = require('fs');

function unrelated() {
  return 1;
}

function alsoUnrelated() {
  return 2;
}

exports.uploadHandler = async (event) => {
  fs.writeFileSync('/tmp/c.json', JSON.stringify(event));
  return fs.readFileSync('/tmp/c.json', 'utf8');
};
`,
};

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmi-tty-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'pre-LMI');
  return dir;
}

function start(dir: string): string {
  const name = `lmi-${process.pid}-${sessions.length}`;
  sessions.push(name);
  const cmd = `cd ${dir} && NO_COLOR=1 ${process.execPath} ${BIN}; echo "EXIT=$?"; sleep 120`;
  execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '150', '-y', '60', cmd]);
  return name;
}

const screen = (s: string) => execFileSync('tmux', ['capture-pane', '-p', '-S', '-2000', '-t', s], { encoding: 'utf8' });
const keys = (s: string, ...k: string[]) => execFileSync('tmux', ['send-keys', '-t', s, ...k]);

async function waitFor(s: string, pattern: RegExp | string, count = 1, timeoutMs = 45_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen(s);
    const hits = typeof pattern === 'string' ? text.split(pattern).length - 1 : (text.match(new RegExp(pattern, 'g')) ?? []).length;
    if (hits >= count) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern} (x${count}); screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

afterAll(() => {
  for (const s of sessions) spawnSync('tmux', ['kill-session', '-t', s]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// every transform with something to do is preselected, so the accepted file is the full migration
const full = (file: string) => transformSource(file, FILES[file], TRANSFORMS).output;

describe.skipIf(!hasTmux)('interactive migration in a terminal', () => {
  it('accept one file, skip one, split one and take one hunk: exactly that lands on disk', async () => {
    const dir = repo();
    const s = start(dir);
    await waitFor(s, 'Transforms to run');
    keys(s, 'Enter');
    await waitFor(s, '[1/3] a.js');
    await waitFor(s, 'Apply this change?');
    keys(s, 'y');
    await waitFor(s, '[2/3] b.mjs');
    await waitFor(s, 'Apply this change?', 2);
    keys(s, 'n');
    await waitFor(s, '[3/3] c.js');
    await waitFor(s, 'Apply this change?', 3);
    keys(s, 's');
    await waitFor(s, 'hunk 1/2');
    keys(s, 'n');
    await waitFor(s, 'hunk 2/2');
    keys(s, 'y');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('Migration report');
    expect(end).toMatch(/files changed: 1 \(\+1 partially\)/);

    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(full('a.js'));
    expect(readFileSync(join(dir, 'b.mjs'), 'utf8')).toBe(FILES['b.mjs']);
    const c = readFileSync(join(dir, 'c.js'), 'utf8');
    expect(c).toContain("mkdtemp(join(tmpdir(), 'c-'))");
    expect(c).not.toContain("require('path')");
    expect(c.startsWith("const fs = require('fs');\n\nfunction unrelated()")).toBe(true);
  }, 120_000);

  it('Ctrl-C mid-review exits 130 having written only the files already approved', async () => {
    const dir = repo();
    const s = start(dir);
    await waitFor(s, 'Transforms to run');
    keys(s, 'Enter');
    await waitFor(s, 'Apply this change?');
    keys(s, 'y');
    await waitFor(s, 'Apply this change?', 2);
    keys(s, 'C-c');
    const end = await waitFor(s, /EXIT=\d+/);
    expect(end).toContain('EXIT=130');
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(full('a.js'));
    expect(readFileSync(join(dir, 'b.mjs'), 'utf8')).toBe(FILES['b.mjs']);
    expect(readFileSync(join(dir, 'c.js'), 'utf8')).toBe(FILES['c.js']);
    // only a.js changed, and no temp file of the atomic writes was left behind
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).trim()).toBe('M a.js');
  }, 120_000);

  it('refuses to run over uncommitted changes unless --allow-dirty', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'b.mjs'), FILES['b.mjs'] + '// work in progress\n');
    const s = start(dir);
    const text = await waitFor(s, /EXIT=\d+/);
    expect(text).toContain('uncommitted changes');
    expect(text).toContain('--allow-dirty');
    expect(text).toContain('EXIT=2');
  }, 60_000);
});
