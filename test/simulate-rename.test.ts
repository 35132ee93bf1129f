// `simulate`'s /tmp overwrite report and rename(): a rename onto a file that already holds the same
// bytes changes nothing a reader can see (a cache filled through a file of one's own), so it is not a
// write; a rename onto different bytes still is, and so is copyFile onto the same bytes (in place).
// The same rules hold for files the inits of two workers write.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';

const dir = mkdtempSync(join(tmpdir(), 'lmi-sim-rename-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each request writes `content` to a file of its own, waits `delay` ms, `op`s it onto /tmp/shared.txt, waits and reads it. */
const handler = (content: string, op: 'rename' | 'copyFile', delay = '10 * event.n') => `import { ${op}, readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const handler = async (event) => {
  const own = \`/tmp/shared.txt.\${randomUUID()}.tmp\`;
  await writeFile(own, ${content});
  await sleep(${delay});
  await ${op}(own, '/tmp/shared.txt');
  await sleep(50);
  return { text: await readFile('/tmp/shared.txt', 'utf8') };
};
`;

async function simulate(file: string, source: string, workers = 1): Promise<SimulationReport> {
  writeFileSync(join(dir, 'package.json'), '{"name":"rename-test","private":true}');
  writeFileSync(join(dir, 'events.json'), JSON.stringify([1, 2, 3, 4].map((n) => ({ n }))));
  writeFileSync(join(dir, file), source);
  let stdout = '';
  const io = {
    cwd: dir,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    env: {},
  };
  await runSimulate([file], { format: 'json', events: 'events.json', workers: String(workers), concurrency: '4' }, io);
  return JSON.parse(stdout) as SimulationReport;
}

describe('simulate: rename() in the /tmp overwrite report', { timeout: 90_000 }, () => {
  it('a rename onto the same bytes is not an overwrite', async () => {
    const report = await simulate('same.mjs', handler("'the same for everyone'", 'rename'));
    expect(report.tmp.overwritten).toEqual([]);
    expect(report.races).toEqual([]);
  });

  it('renames of the same bytes issued at once (each finds the file missing) are not overwrites of each other', async () => {
    const report = await simulate('at-once.mjs', handler("'the same for everyone'", 'rename', '0'));
    expect(report.tmp.overwritten).toEqual([]);
    expect(report.races).toEqual([]);
  });

  it('a rename onto different bytes is one', async () => {
    const report = await simulate('different.mjs', handler('`request ${event.n}`', 'rename'));
    expect(report.tmp.overwritten.map((o) => o.path)).toContain('/tmp/shared.txt');
    expect(report.tmp.overwritten).toContainEqual({ path: '/tmp/shared.txt', writtenBy: 0, overwrittenBy: 1 });
  });

  it('a copyFile onto the same bytes is one (it rewrites the file in place)', async () => {
    const report = await simulate('copy.mjs', handler("'the same for everyone'", 'copyFile'));
    expect(report.tmp.overwritten).toContainEqual({ path: '/tmp/shared.txt', writtenBy: 0, overwrittenBy: 1 });
  });
});

/** At init, each worker writes `content` to /tmp/config.json in place, or to a file of its own renamed onto it. */
const initWriter = (content: string, how: 'in place' | 'rename') => `import { readFile } from 'node:fs/promises';
import { renameSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
${how === 'rename' ? `const own = \`/tmp/config.json.\${randomUUID()}.tmp\`;\nwriteFileSync(own, ${content});\nrenameSync(own, '/tmp/config.json');` : `writeFileSync('/tmp/config.json', ${content});`}
export const handler = async () => ({ config: await readFile('/tmp/config.json', 'utf8') });
`;

describe('simulate: files the inits of two workers write', { timeout: 90_000 }, () => {
  it('a file each worker\'s init writes in place is reported (a worker starting truncates it under the others\' requests)', async () => {
    const report = await simulate('init-in-place.mjs', initWriter("'{}'", 'in place'), 2);
    expect(report.tmp.overwrittenAtInit).toHaveLength(1);
    expect(report.tmp.overwrittenAtInit[0].path).toBe('/tmp/config.json');
    expect([report.tmp.overwrittenAtInit[0].writtenByWorker, report.tmp.overwrittenAtInit[0].overwrittenByWorker].sort()).toEqual([0, 1]);
    expect(report.summary.overwrittenFiles).toBe(1);
    expect(report.tmp.overwritten).toEqual([]);
  });

  it('renames of the same bytes are not', async () => {
    const report = await simulate('init-rename.mjs', initWriter("'{}'", 'rename'), 2);
    expect(report.tmp.overwrittenAtInit).toEqual([]);
    expect(report.summary.overwrittenFiles).toBe(0);
  });

  it('renames of different bytes are', async () => {
    const report = await simulate('init-rename-differs.mjs', initWriter('`{"worker":${process.env.LMI_SIMULATE_WORKER}}`', 'rename'), 2);
    expect(report.tmp.overwrittenAtInit.map((o) => o.path)).toEqual(['/tmp/config.json']);
  });

  it('one worker alone overwrites nothing', async () => {
    const report = await simulate('init-one-worker.mjs', initWriter("'{}'", 'in place'), 1);
    expect(report.tmp.overwrittenAtInit).toEqual([]);
  });
});
