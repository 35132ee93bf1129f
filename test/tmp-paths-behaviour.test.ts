// Runs the cjs-async-report fixture for real, before and after the transform: two concurrent
// invocations against a temp dir standing in for /tmp. The order is forced with promises, not
// timers: invocation A writes its report and reaches the upload, B then writes its own report,
// and only then does A's upload read the file. The input uploads B's report under A's key; the
// migrated code uploads each invocation's own report and leaves nothing behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transformSource } from '../transforms/engine/transform-source';
import { tmpPaths } from '../transforms/tmp-paths';
import { loadModule } from './support/concurrency-harness';

const FIXTURE = join(__dirname, '..', '__testfixtures__', 'tmp-paths', 'cjs-async-report.input.js');

type Handler = (event: object, context: object) => Promise<{ reportId: string; lines: number }>;

/** A fake S3 whose upload of report A waits until report B's upload has started. */
function fakeS3() {
  const uploads: Record<string, string> = {};
  /** what the stand-in /tmp holds while both invocations are between write and read */
  const inFlightDirs: string[] = [];
  let bStarted!: () => void;
  const bHasWritten = new Promise<void>((resolve) => (bStarted = resolve));
  let aStarted!: () => void;
  const aHasWritten = new Promise<void>((resolve) => (aStarted = resolve));
  class PutObjectCommand {
    constructor(readonly input: { Key: string; Body: Readable }) {}
  }
  class S3Client {
    async send(command: PutObjectCommand) {
      const key = command.input.Key;
      if (key === 'reports/A.csv') {
        aStarted();
        await bHasWritten;
        inFlightDirs.push(...readdirSync(process.env.TMPDIR!));
      } else bStarted();
      let body = '';
      for await (const chunk of command.input.Body) body += chunk;
      uploads[key] = body;
      return {};
    }
  }
  return { uploads, inFlightDirs, aHasWritten, packages: { '@aws-sdk/client-s3': { S3Client, PutObjectCommand } } };
}

const eventA = { reportId: 'A', rows: [['a1', 'a2'], ['a3', 'a4']] };
const eventB = { reportId: 'B', rows: [['b1', 'b2'], ['b3', 'b4'], ['b5', 'b6']] };
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');

async function runPair(source: string, fakeTmp: string) {
  const s3 = fakeS3();
  const mod = await loadModule({ file: 'report.js', source, packages: s3.packages });
  // os.tmpdir() reads TMPDIR on every call: from here on, the migrated code's mkdtemp lands in fakeTmp
  process.env.TMPDIR = fakeTmp;
  const handler = mod.handler as Handler;
  const a = handler(eventA, { awsRequestId: 'req-a' });
  await s3.aHasWritten;
  const b = handler(eventB, { awsRequestId: 'req-b' });
  const results = await Promise.all([a, b]);
  return { uploads: s3.uploads, inFlightDirs: s3.inFlightDirs, results };
}

describe('tmp-paths behaviour: two concurrent invocations sharing /tmp', () => {
  let fakeTmp: string;
  let savedTmpdir: string | undefined;
  beforeEach(() => {
    fakeTmp = mkdtempSync(join(tmpdir(), 'lmi-fake-tmp-'));
    savedTmpdir = process.env.TMPDIR;
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(fakeTmp, { recursive: true, force: true });
  });

  const input = readFileSync(FIXTURE, 'utf8');

  it('the input clobbers: invocation A uploads the report invocation B wrote', async () => {
    expect(input).toContain("'/tmp/report.csv'");
    const { uploads, results } = await runPair(input.replaceAll("'/tmp/", `'${fakeTmp}/`), fakeTmp);
    expect(uploads['reports/B.csv']).toBe(csv(eventB.rows));
    expect(uploads['reports/A.csv']).toBe(csv(eventB.rows));
    expect(results[0]).toEqual({ reportId: 'A', lines: 3 });
  });

  it('the migrated handler keeps each invocation on its own file and removes it', async () => {
    const output = transformSource('report.js', input, [tmpPaths]).output;
    expect(output).not.toContain('/tmp/');
    const { uploads, results, inFlightDirs } = await runPair(output, fakeTmp);
    // one directory per invocation while both were in flight, none afterwards
    expect(inFlightDirs.filter((d) => d.startsWith('report-'))).toHaveLength(2);
    expect(uploads['reports/A.csv']).toBe(csv(eventA.rows));
    expect(uploads['reports/B.csv']).toBe(csv(eventB.rows));
    expect(results).toEqual([{ reportId: 'A', lines: 2 }, { reportId: 'B', lines: 3 }]);
    expect(readdirSync(fakeTmp).filter((d) => d.startsWith('report-'))).toEqual([]);
  });
});
