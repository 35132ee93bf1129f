// Correctness at scale, on a generated corpus small enough for CI: no crash, every unparsable file
// reported, changed files re-parse, a second run changes nothing, untouched files (CRLF and BOM
// included) stay byte-identical, and one worker or two give identical output.
import { captureIO } from './support/capture-io';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus, type CorpusFile } from '../bench/corpus';
import { main } from '../cli/main';
import { parseForAnalysis } from '../transforms/analysis/parser';

let dir: string;
let corpus: CorpusFile[];

async function cli(args: string[]) {
  const run = captureIO(dir);
  const code = await main(args, run.io);
  return { code, report: JSON.parse(run.stdout()) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-scale-'));
  corpus = generateCorpus({ files: 320, seed: 7 });
  writeCorpus(dir, corpus);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('at scale', () => {
  it('the corpus has what the test needs: handlers, unparsable, CRLF and BOM files', () => {
    expect(corpus.filter((f) => f.kind === 'handler').length).toBeGreaterThan(30);
    expect(corpus.some((f) => f.kind === 'broken')).toBe(true);
    expect(corpus.some((f) => f.source.includes('\r\n'))).toBe(true);
    expect(corpus.some((f) => f.source.startsWith('\uFEFF'))).toBe(true);
  });

  it('--jobs 1 and --jobs 2 give identical findings and patches; every unparsable file is reported', async () => {
    const one = await cli(['--dry', '--format', 'json', '--jobs', '1']);
    const two = await cli(['--dry', '--format', 'json', '--jobs', '2']);
    expect(two.report).toEqual(one.report);
    expect(one.report.files).toBe(corpus.length);
    const broken = corpus.filter((f) => f.kind === 'broken').map((f) => f.path).sort();
    expect(one.report.errors.map((e: { file: string }) => e.file).sort()).toEqual(broken);
    expect(one.report.changes.length).toBeGreaterThan(10);
  }, 240_000);

  it('--yes: changed files re-parse, untouched files are byte-identical, a second run changes nothing', async () => {
    const first = await cli(['--yes', '--format', 'json', '--jobs', '2']);
    const changed = new Set(first.report.changes.map((c: { file: string }) => c.file));
    for (const f of corpus) {
      const now = readFileSync(join(dir, f.path), 'utf8');
      if (!changed.has(f.path)) {
        expect(now, f.path).toBe(f.source);
        continue;
      }
      expect(() => parseForAnalysis(f.path, now.replace(/^\uFEFF/, '')), f.path).not.toThrow();
      // CRLF files stay CRLF; a BOM stays
      if (f.source.includes('\r\n')) expect(now.replace(/\r\n/g, ''), f.path).not.toContain('\n');
      expect(now.startsWith('\uFEFF'), f.path).toBe(f.source.startsWith('\uFEFF'));
    }
    const second = await cli(['--yes', '--format', 'json', '--jobs', '1']);
    expect(second.report.changes).toEqual([]);
  }, 240_000);
});
