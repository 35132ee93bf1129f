// A package the generated code imports (async-mutex for locks) is added to the nearest
// package.json inside the scanned paths, as a reviewed change like any other.
import { captureIO } from './support/capture-io';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nearestPackageJson, withDependency } from '../cli/dependencies';
import { main } from '../cli/main';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('withDependency', () => {
  it('adds to "dependencies" in sorted position, keeping indentation and the final newline', () => {
    const text = '{\n    "name": "svc",\n    "dependencies": {\n        "axios": "^1.0.0",\n        "pg": "^8.0.0"\n    }\n}\n';
    expect(withDependency(text, 'async-mutex', '^0.5.0')).toBe(
      '{\n    "name": "svc",\n    "dependencies": {\n        "async-mutex": "^0.5.0",\n        "axios": "^1.0.0",\n        "pg": "^8.0.0"\n    }\n}\n',
    );
  });

  it('creates "dependencies" when missing, keeps CRLF, and leaves a package that already depends on it alone', () => {
    expect(withDependency('{\r\n  "name": "svc"\r\n}', 'async-mutex', '^0.5.0')).toBe(
      '{\r\n  "name": "svc",\r\n  "dependencies": {\r\n    "async-mutex": "^0.5.0"\r\n  }\r\n}',
    );
    expect(withDependency('{"devDependencies":{"async-mutex":"0.4.0"}}', 'async-mutex', '^0.5.0')).toBeNull();
  });

  it('the nearest package.json wins', () => {
    const found = nearestPackageJson('/r/services/a/src/h.js', ['/r/package.json', '/r/services/a/package.json', '/r/services/b/package.json']);
    expect(found).toBe('/r/services/a/package.json');
  });
});

// the awaited call uses the value read: the section needs a lock (per account)
const NEEDS_LOCK = `const { applyInterest } = require('./interest');

const balances = new Map();

exports.handler = async (event) => {
  const { account, rate } = event;
  const current = balances.get(account) ?? 100;
  const updated = await applyInterest(current, rate);
  balances.set(account, updated);
  return { account, balance: updated };
};
`;

describe('lmi-migrate --yes with a lock', () => {
  it('adds async-mutex to the nearest package.json and lists it as a change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmi-deps-'));
    dirs.push(dir);
    const files: Record<string, string> = {
      'package.json': '{\n  "name": "svc",\n  "dependencies": {\n    "pg": "^8.0.0"\n  }\n}\n',
      'src/pay.js': NEEDS_LOCK,
      'src/interest.js': 'exports.applyInterest = async (v, r) => v * (1 + r);\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const run = captureIO(dir);
    await main(['--yes', '--format', 'json'], run.io);
    const report = JSON.parse(run.stdout());
    const pay = readFileSync(join(dir, 'src/pay.js'), 'utf8');
    expect(pay).toContain("require('async-mutex')");
    expect(report.changes.map((c: { file: string }) => c.file)).toEqual(['src/pay.js', 'package.json']);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ 'async-mutex': '^0.5.0', pg: '^8.0.0' });
  });
});
