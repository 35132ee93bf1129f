// `simulate`: child processes the handler starts use the sandbox as /tmp too. Paths written out
// in the command string, the file and the arguments are mapped, TMPDIR/TMP/TEMP point at the
// sandbox, and the working directory is the handler's (a `cwd` of /tmp is the sandbox). The real /tmp
// is never touched.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from './support/capture-io';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';

const dir = mkdtempSync(join(tmpdir(), 'lmi-sim-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mark = `lmi-sim-child-${randomUUID()}`;

const HANDLER = `import { exec, execFile, execFileSync, execSync, fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const exited = (child) => new Promise((resolve) => child.on('close', resolve));

export const handler = async (event) => {
  const dir = '/tmp/${mark}-' + event.id;
  execSync(\`mkdir -p \${dir} && echo exec > \${dir}/a.txt\`);
  execFileSync('sh', ['-c', 'echo "$1" > "$2"', 'sh', 'file', \`\${dir}/b.txt\`]);
  spawnSync('cp', [\`\${dir}/a.txt\`, \`\${dir}/c.txt\`]);
  await promisify(execFile)('cp', [\`\${dir}/b.txt\`, \`\${dir}/d.txt\`]);
  await promisify(exec)(\`cat \${dir}/a.txt > \${dir}/e.txt\`);
  await exited(spawn('sh', ['-c', 'echo spawn > ' + dir + '/f.txt']));
  await exited(fork('./child.cjs', [\`--out=\${dir}/g.txt\`]));
  await new Promise((resolve, reject) => execFile('cp', [\`\${dir}/a.txt\`, \`\${dir}/h.txt\`], (e) => (e ? reject(e) : resolve())));
  const read = (f) => readFileSync(\`\${dir}/\${f}.txt\`, 'utf8').trim();
  return {
    files: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(read),
    env: execSync('echo "$TMPDIR $TMP $TEMP"').toString().trim(),
    cwd: execFileSync('pwd').toString().trim(),
    tmpCwd: spawnSync('pwd', undefined, { cwd: '/tmp' }).stdout.toString().trim(),
    untouched: execSync('echo /var/tmp/x /tmpfiles/y').toString().trim(),
  };
};
`;
// a forked Node child: its os.tmpdir() follows TMPDIR
const CHILD = `const out = process.argv[2].slice('--out='.length);
require('node:fs').writeFileSync(out, 'fork ' + require('node:os').tmpdir());
`;

async function simulate(): Promise<{ code: number; report: SimulationReport; stderr: string }> {
  const run = captureIO(dir);
  const code = await runSimulate(['handler.mjs'], { format: 'json', events: 'events.json', workers: '2', concurrency: '2' }, run.io);
  return { code, report: JSON.parse(run.stdout()) as SimulationReport, stderr: run.stderr() };
}

describe('simulate: child processes see the sandbox as /tmp', { timeout: 90_000 }, () => {
  it('maps /tmp paths in commands and arguments, sets TMPDIR/TMP/TEMP and the working directory', async () => {
    writeFileSync(join(dir, 'package.json'), '{"name":"child-process-test","private":true}');
    writeFileSync(join(dir, 'handler.mjs'), HANDLER);
    writeFileSync(join(dir, 'child.cjs'), CHILD);
    writeFileSync(join(dir, 'events.json'), JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]));
    const { code, report, stderr } = await simulate();
    expect(stderr).toBe('');
    expect(report.invocations.map((i) => i.result)).toEqual(
      [1, 2, 3, 4].map(() => ({
        ok: true,
        response: {
          files: ['exec', 'file', 'exec', 'file', 'exec', 'spawn', 'fork /tmp', 'exec'],
          env: '/tmp /tmp /tmp',
          cwd: realpathSync(dir),
          tmpCwd: '/tmp',
          untouched: '/var/tmp/x /tmpfiles/y',
        },
      })),
    );
    expect(code).toBe(0);
    // what the children wrote is in the sandbox (left behind), nothing on the real /tmp
    expect(report.tmp.leftBehind).toContain(`/tmp/${mark}-1/g.txt`);
    expect(report.tmp.leftBehind).toHaveLength(4 * 8);
    for (const n of [1, 2, 3, 4]) expect(existsSync(`/tmp/${mark}-${n}`)).toBe(false);
  });
});
