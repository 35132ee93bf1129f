// `simulate --cwd`: the handler runs in Lambda's task root. By default that is the nearest directory
// above the handler with a package.json; --cwd overrides it. Workers answer process.cwd() with it and
// resolve relative fs paths against it; the main process changes directory for the run (so child
// processes see it too) and changes back afterwards. Not concurrent: the process's directory is shared.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIO } from './support/capture-io';
import { runSimulate } from '../cli/simulate/command';
import type { SimulationReport } from '../cli/simulate/report';
import type { ParsedOptions } from '../cli/io';

const ROOT = join(__dirname, 'simulate-fixtures', 'task-root');

async function simulate(values: ParsedOptions = {}) {
  const run = captureIO(ROOT);
  const code = await runSimulate(['src/render.cjs'], { format: 'json', workers: '2', concurrency: '2', invocations: '4', ...values }, run.io);
  return { code, stderr: run.stderr(), report: code === 2 ? undefined : (JSON.parse(run.stdout()) as SimulationReport) };
}

const responses = (r: SimulationReport) => r.invocations.map((i) => (i.result.ok ? i.result.response : i.result.error));

describe('simulate: the working directory', { timeout: 90_000 }, () => {
  it('defaults to the nearest directory above the handler with a package.json, and restores the directory after', async () => {
    const before = process.cwd();
    const { code, report } = await simulate();
    expect(process.cwd()).toBe(before);
    expect(code).toBe(0);
    const expected = { greeting: 'hello from the task root', cwd: ROOT, resolved: join(ROOT, 'templates'), childCwd: realpathSync(ROOT) };
    expect(responses(report!)).toEqual([expected, expected, expected, expected]);
  });

  it('--cwd overrides it (relative to the current directory)', async () => {
    const before = process.cwd();
    const { code, report } = await simulate({ cwd: 'other' });
    expect(process.cwd()).toBe(before);
    expect(code).toBe(0);
    const other = join(ROOT, 'other');
    const expected = { greeting: 'hello from --cwd', cwd: other, resolved: join(other, 'templates'), childCwd: realpathSync(other) };
    expect(responses(report!)).toEqual([expected, expected, expected, expected]);
  });

  it('exits 2 when the directory does not exist', async () => {
    const { code, stderr } = await simulate({ cwd: 'missing' });
    expect(code).toBe(2);
    expect(stderr).toBe('lmi-migrate simulate: working directory not found: missing\n');
  });
});
