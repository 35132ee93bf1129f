// Writing is the only irreversible step: atomic, mode-preserving, and never over a file that
// changed since it was read.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChanges } from '../cli/write';
import { unifiedDiff, type PlannedChange } from '../cli/pipeline';

const dir = mkdtempSync(join(tmpdir(), 'lmi-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function planned(name: string, before: string, after: string): PlannedChange {
  const abs = join(dir, name);
  writeFileSync(abs, before);
  return { file: name, abs, before, after, transforms: ['tmp-paths'], diff: unifiedDiff(name, before, after) };
}

describe('writeChanges', () => {
  it('writes the new content, keeps the file mode, leaves no temp file', () => {
    const c = planned('exec.js', 'a\r\n', 'b\r\n');
    chmodSync(c.abs, 0o751);
    const { written, skipped } = writeChanges([c]);
    expect(skipped).toEqual([]);
    expect(written.map((w) => w.file)).toEqual(['exec.js']);
    expect(readFileSync(c.abs, 'utf8')).toBe('b\r\n');
    expect(statSync(c.abs).mode & 0o777).toBe(0o751);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('does not write a file that changed on disk since the scan, reports it and goes on', () => {
    const stale = planned('stale.js', 'old\n', 'new\n');
    const fresh = planned('fresh.js', 'x\n', 'y\n');
    writeFileSync(stale.abs, 'someone edited this\n');
    const { written, skipped } = writeChanges([stale, fresh]);
    expect(written.map((w) => w.file)).toEqual(['fresh.js']);
    expect(skipped).toEqual([{ file: 'stale.js', message: expect.stringContaining('changed on disk') }]);
    expect(readFileSync(stale.abs, 'utf8')).toBe('someone edited this\n');
    expect(readFileSync(fresh.abs, 'utf8')).toBe('y\n');
  });

  it('a file that vanished is reported, not recreated', () => {
    const gone = planned('gone.js', 'a\n', 'b\n');
    rmSync(gone.abs);
    const { written, skipped } = writeChanges([gone]);
    expect(written).toEqual([]);
    expect(skipped[0].file).toBe('gone.js');
    expect(readdirSync(dir)).not.toContain('gone.js');
  });
});
