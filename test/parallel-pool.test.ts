// The pool: the main thread and worker threads share the batches, results come back in task order
// and equal an in-process run, and workers really take batches (the main thread is slowed down
// here so the worker has time to load; on a fast run it may legitimately get none).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../bench/corpus';
import { keptWorkers, runInWorkers, stopWorkers } from '../cli/parallel/pool';
import { bundledWorkerScript } from '../cli/parallel/spawn';
import { readCachedBundle, writeCachedBundle } from '../cli/bundle-cache.cjs';
import { analyseTask, resolveContext, type AnalyseResult, type FileTask, type TaskContext } from '../cli/parallel/tasks';
import { RULES } from '../transforms/registry';

let dir: string;
let tasks: FileTask[];
const context: TaskContext = { ruleIds: RULES.filter((r) => !r.needsImportGraph).map((r) => r.id), transformIds: [], templates: [], packageJsons: [] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-pool-'));
  const corpus = generateCorpus({ files: 400, seed: 3 });
  writeCorpus(dir, corpus);
  tasks = corpus.map((f) => ({ abs: join(dir, f.path), file: f.path })).sort((a, b) => a.file.localeCompare(b.file));
});
afterAll(async () => {
  await stopWorkers();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('runInWorkers', () => {
  it('gives the in-process results in task order, with batches done by a worker', async () => {
    const resolved = resolveContext(context);
    const expected = tasks.map((t) => analyseTask(t, resolved));
    const here = new Set<string>();
    const progress: number[] = [];
    const results = await runInWorkers<AnalyseResult>(
      'analyse',
      tasks,
      context,
      2,
      (task) => {
        here.add(task.file);
        sleep(25); // ~1 s per batch of 40: the worker loads meanwhile and takes its share
        return analyseTask(task, resolved);
      },
      (done) => progress.push(done),
    );
    expect(results).toEqual(expected);
    expect(here.size).toBeGreaterThan(0);
    expect(here.size, 'a worker analysed some batches').toBeLessThan(tasks.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(tasks.length);
  }, 120_000);

  it('workers run one bundled script (esbuild), whose packages resolve from the tool, not the cwd', async () => {
    const script = await bundledWorkerScript();
    expect(script).toContain('analyseTask');
    expect(script).toContain(`createRequire(${JSON.stringify(join(__dirname, '..', 'cli', 'parallel', 'worker-main.ts'))})`);
  });

  it('keeps its worker for the next run, which the worker joins at once', async () => {
    const resolved = resolveContext(context);
    expect(keptWorkers()).toBe(1);
    const here = new Set<string>();
    const results = await runInWorkers<AnalyseResult>('analyse', tasks, context, 2, (task) => {
      here.add(task.file);
      sleep(5);
      return analyseTask(task, resolved);
    });
    expect(keptWorkers()).toBe(1);
    expect(results).toEqual(tasks.map((t) => analyseTask(t, resolved)));
    // already loaded: it takes a good share although the main thread is only a little slower
    expect(tasks.length - here.size).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it('keeps a second batch queued on a worker, so it works while the main thread is busy', async () => {
    // The main thread reads replies only between its own batches (400 ms each here). With one
    // batch at a time a worker would do exactly one batch per main batch (5 and 5 of 10); with a
    // second one queued it does two: batches 1, 2, 4, 5, 7, 8 against the main thread's 0, 3, 6, 9.
    const resolved = resolveContext(context);
    expect(keptWorkers()).toBe(1);
    const here = new Set<string>();
    const results = await runInWorkers<AnalyseResult>('analyse', tasks, context, 2, (task) => {
      here.add(task.file);
      sleep(10);
      return analyseTask(task, resolved);
    });
    expect(results).toEqual(tasks.map((t) => analyseTask(t, resolved)));
    expect(tasks.length - here.size, 'files the worker analysed').toBeGreaterThan(here.size);
  }, 120_000);

  it('with nothing to do, resolves at once', async () => {
    expect(await runInWorkers('analyse', [], context, 2, () => 0)).toEqual([]);
  });

  it('a worker that fails rejects the run instead of hiding it', async () => {
    // an unknown kind makes the worker's reply an error; the main thread is slowed so it gets a batch
    const run = runInWorkers('nonsense' as 'analyse', tasks, context, 2, (task) => {
      sleep(25);
      return task.file;
    });
    await expect(run).rejects.toThrow(/worker failed/);
  }, 120_000);
});

describe('the cached worker bundle', () => {
  it('is reused only while every source it was built from is unchanged, and for the same salt', () => {
    const root = mkdtempSync(join(tmpdir(), 'lmi-bundle-'));
    const place = { root, dir: join(root, 'cache') };
    try {
      writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
      writeFileSync(join(root, 'b.ts'), 'export const b = 2;\n');
      expect(readCachedBundle('worker', 'esbuild 1', place)).toBeNull();
      writeCachedBundle('worker', 'script one', [join(root, 'a.ts'), join(root, 'b.ts')], 'esbuild 1', place);
      expect(readCachedBundle('worker', 'esbuild 1', place)).toBe('script one');
      expect(readCachedBundle('worker', 'esbuild 2', place), 'another esbuild').toBeNull();
      writeFileSync(join(root, 'b.ts'), 'export const b = 3;\n');
      expect(readCachedBundle('worker', 'esbuild 1', place), 'a source changed').toBeNull();
      writeCachedBundle('worker', 'script two', [join(root, 'a.ts'), join(root, 'b.ts')], 'esbuild 1', place);
      expect(readCachedBundle('worker', 'esbuild 1', place)).toBe('script two');
      writeFileSync(join(place.dir, 'worker-bundle.cjs'), 'tampered');
      expect(readCachedBundle('worker', 'esbuild 1', place), 'script not the one the manifest names').toBeNull();
      rmSync(join(root, 'a.ts'));
      expect(readCachedBundle('worker', 'esbuild 1', place), 'a source is gone').toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
