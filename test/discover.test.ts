// Discovery never leaves the target: symlinks are not followed; skipped folders stay skipped.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../cli/discover';

const root = mkdtempSync(join(tmpdir(), 'lmi-disc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('discover', () => {
  it('does not follow symlinks out of the target, and skips build output and declarations', () => {
    const outside = join(root, 'outside');
    const target = join(root, 'target');
    mkdirSync(outside);
    mkdirSync(join(target, 'src'), { recursive: true });
    mkdirSync(join(target, 'cdk.out'));
    writeFileSync(join(outside, 'secret.js'), 'exports.handler = async () => 1;\n');
    writeFileSync(join(target, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(target, 'src', 'a.d.ts'), 'export declare const a: number;\n');
    writeFileSync(join(target, 'src', 'vendor.min.js'), 'var a=1;\n');
    writeFileSync(join(target, 'cdk.out', 'asset.js'), 'var a=1;\n');
    symlinkSync(outside, join(target, 'src', 'linked-dir'));
    symlinkSync(join(outside, 'secret.js'), join(target, 'src', 'linked.js'));
    const found = discover(['.'], { cwd: target });
    expect(found.sources).toEqual([join(target, 'src', 'a.ts')]);
  });

  it('--extensions limits what is scanned; a missing path is reported', () => {
    const dir = join(root, 'ext');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.ts'), '');
    writeFileSync(join(dir, 'b.js'), '');
    expect(discover(['.'], { cwd: dir, extensions: ['ts'] }).sources).toEqual([join(dir, 'a.ts')]);
    expect(discover(['nope'], { cwd: dir }).missing).toEqual(['nope']);
  });
});
