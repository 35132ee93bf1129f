// cli/bin.cjs runs the CLI from a cached esbuild bundle of cli/main.ts, and from tsx when the bundle
// cannot be built, stored or loaded. Each test runs the real bin of a throwaway copy of this tool
// (its own node_modules/.cache; the packages are links to ours), with a probe preloaded that says
// whether the run loaded esbuild (it built the bundle) or tsx (it fell back).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { bundleOptions, esbuildSalt, readCachedBundle, toolCache, writeCachedBundle } from '../cli/bundle-cache.cjs';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { visit } from '../transforms/analysis/walk';
import { generateCorpus, writeCorpus } from '../bench/corpus';

const REPO = join(__dirname, '..');
const made: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  // (the copies' packages are links: rm removes the links, not what they point to)
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** A copy of the tool (its sources as they are now) with no bundle cache yet. */
function toolCopy(): string {
  const root = temp('lmi-tool-');
  for (const part of ['cli', 'transforms', 'package.json', 'MIGRATION.md']) cpSync(join(REPO, part), join(root, part), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name !== '.cache') symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name));
  }
  return root;
}

const PROBE = join(temp('lmi-probe-'), 'probe.cjs');
writeFileSync(
  PROBE,
  `process.on('exit', () => {
  const loaded = Object.keys(require.cache);
  require('node:fs').writeFileSync(process.env.LMI_TEST_PROBE, JSON.stringify({
    esbuild: loaded.some((f) => /[\\\\/]node_modules[\\\\/]esbuild[\\\\/]lib[\\\\/]/.test(f)),
    tsx: loaded.some((f) => /[\\\\/]node_modules[\\\\/]tsx[\\\\/]/.test(f)),
    // code, not a package.json read for a version number
    packages: {
      jscodeshift: loaded.some((f) => /[\\\\/]node_modules[\\\\/]jscodeshift[\\\\/].*\\.js$/.test(f)),
      prompts: loaded.some((f) => /[\\\\/]node_modules[\\\\/]@inquirer[\\\\/].*\\.js$/.test(f)),
    },
  }));
});\n`,
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** what the bin's process loaded: esbuild = it built the bundle, tsx = it ran the sources */
  loaded: { esbuild: boolean; tsx: boolean };
  /** whether it loaded jscodeshift, and the prompts (@inquirer) */
  packages: { jscodeshift: boolean; prompts: boolean };
}

function probed(probeOut: string): Pick<Run, 'loaded' | 'packages'> {
  const { esbuild, tsx, packages } = JSON.parse(readFileSync(probeOut, 'utf8'));
  return { loaded: { esbuild, tsx }, packages };
}

function runArgs(tool: string, args: string[], env: Record<string, string>) {
  const probeOut = join(temp('lmi-probe-out-'), 'loaded.json');
  return {
    argv: ['-r', PROBE, join(tool, 'cli', 'bin.cjs'), ...args],
    env: { ...process.env, NO_COLOR: '1', LMI_MIGRATE_NO_BUNDLE: '', ...env, LMI_TEST_PROBE: probeOut },
    probeOut,
  };
}

function run(tool: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const { argv, env: fullEnv, probeOut } = runArgs(tool, args, env);
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', env: fullEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ...probed(probeOut) };
}

function runAsync(tool: string, args: string[], cwd: string): Promise<Run> {
  const { argv, env, probeOut } = runArgs(tool, args, {});
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ...probed(probeOut) }));
  });
}

const viaTsx = (tool: string, args: string[], cwd: string) => run(tool, args, cwd, { LMI_MIGRATE_NO_BUNDLE: '1' });
const output = (r: Run) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const FROM_BUNDLE = { esbuild: false, tsx: false };
const BUILT = { esbuild: true, tsx: false };

const cacheFiles = (tool: string) => {
  const dir = toolCache(tool).dir;
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
const cliBundle = (tool: string) => join(toolCache(tool).dir, 'cli-bundle.cjs');
const validCliBundle = (tool: string) => readCachedBundle('cli', esbuildSalt(), toolCache(tool));

/** A project with one handler that has findings (a module-level cache of per-request data). */
function project(): string {
  const dir = temp('lmi-bundle-project-');
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "version": "1.0.0" }\n');
  writeFileSync(
    join(dir, 'handler.js'),
    "const fs = require('fs');\nlet lastUser;\nexports.handler = async (event) => {\n  lastUser = event.user;\n  fs.writeFileSync('/tmp/out.json', JSON.stringify(event));\n  return { user: lastUser };\n};\n",
  );
  return dir;
}

describe('the bundled CLI', { timeout: 120_000 }, () => {
  it('builds and stores its bundle on the first run, then reuses it; --version and --help are the tsx path’s', () => {
    const tool = toolCopy();
    const first = run(tool, ['--version'], tool);
    expect(first.loaded, 'the first run builds the bundle').toEqual(BUILT);
    expect(first.stdout).toMatch(/^lmi-migrate 0\.1\.0 \(jscodeshift \d/);
    expect(cacheFiles(tool)).toEqual(['cli-bundle.cjs', 'cli-bundle.json']);
    expect(validCliBundle(tool)).not.toBeNull();
    const built = statSync(cliBundle(tool));

    const again = run(tool, ['--version'], tool);
    expect(again.loaded, 'a current bundle needs neither esbuild nor tsx').toEqual(FROM_BUNDLE);
    expect(statSync(cliBundle(tool)).mtimeMs, 'not written again').toBe(built.mtimeMs);
    expect(statSync(cliBundle(tool)).ino).toBe(built.ino);

    const tsx = viaTsx(tool, ['--version'], tool);
    expect(tsx.loaded.tsx).toBe(true);
    expect(output(again)).toEqual(output(tsx));
    expect(output(first)).toEqual(output(tsx));

    for (const args of [['--help'], ['check', '--help'], ['--frobnicate']]) {
      const bundled = run(tool, args, tool);
      expect(bundled.loaded, args.join(' ')).toEqual(FROM_BUNDLE);
      expect(output(bundled), args.join(' ')).toEqual(output(viaTsx(tool, args, tool)));
    }
  });

  it('runs check on a project with the tsx path’s output, and links the tool’s own MIGRATION.md', () => {
    const tool = toolCopy();
    const dir = project();
    run(tool, ['--version'], dir); // builds
    for (const args of [['check', '.'], ['check', '--format', 'sarif', '.'], ['--dry', '.']]) {
      const bundled = run(tool, args, dir);
      expect(bundled.loaded, args.join(' ')).toEqual(FROM_BUNDLE);
      expect(output(bundled), args.join(' ')).toEqual(output(viaTsx(tool, args, dir)));
    }
    const sarif = JSON.parse(run(tool, ['check', '--format', 'sarif', '.'], dir).stdout) as {
      runs: Array<{ results: unknown[]; tool: { driver: { rules: Array<{ helpUri: string }> } } }>;
    };
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    const helpUri = sarif.runs[0].tool.driver.rules[0].helpUri;
    expect(helpUri.startsWith(`${pathToFileURL(join(tool, 'MIGRATION.md')).href}#`), helpUri).toBe(true);
    expect(existsSync(fileURLToPath(helpUri.replace(/#.*$/, '')))).toBe(true);
  });

  it('rebuilds the bundle when a source changes', () => {
    const tool = toolCopy();
    expect(run(tool, ['--version'], tool).loaded).toEqual(BUILT);
    const versions = join(tool, 'cli', 'versions.ts');
    writeFileSync(versions, readFileSync(versions, 'utf8').replace('`lmi-migrate ${', '`lmi-migrate (edited) ${'));
    const edited = run(tool, ['--version'], tool);
    expect(edited.loaded, 'rebuilt').toEqual(BUILT);
    expect(edited.stdout).toMatch(/^lmi-migrate \(edited\) 0\.1\.0/);
    const reused = run(tool, ['--version'], tool);
    expect(reused.loaded).toEqual(FROM_BUNDLE);
    expect(reused.stdout).toBe(edited.stdout);
    // the files that say how the bundle is built count as its sources too
    writeFileSync(join(tool, 'cli', 'bin.cjs'), readFileSync(join(tool, 'cli', 'bin.cjs'), 'utf8') + '\n// edited\n');
    expect(run(tool, ['--version'], tool).loaded).toEqual(BUILT);
  });

  it('repairs a partial or corrupt cache (a cut-off script, a manifest that is not JSON) by building again', () => {
    const tool = toolCopy();
    const tsx = viaTsx(tool, ['--version'], tool);
    run(tool, ['--version'], tool);
    const script = readFileSync(cliBundle(tool), 'utf8');
    writeFileSync(cliBundle(tool), script.slice(0, script.length >> 1));
    const cut = run(tool, ['--version'], tool);
    expect(cut.loaded).toEqual(BUILT);
    expect(output(cut)).toEqual(output(tsx));
    expect(validCliBundle(tool)).toBe(script);

    writeFileSync(join(toolCache(tool).dir, 'cli-bundle.json'), '{"inputs": [');
    const corrupt = run(tool, ['--version'], tool);
    expect(corrupt.loaded).toEqual(BUILT);
    expect(output(corrupt)).toEqual(output(tsx));
    expect(validCliBundle(tool)).toBe(script);
  });

  it('falls back to tsx when the cached bundle fails to load', () => {
    const tool = toolCopy();
    run(tool, ['--version'], tool);
    // a bundle that matches its manifest but throws when evaluated
    const place = toolCache(tool);
    const { inputs } = JSON.parse(readFileSync(join(place.dir, 'cli-bundle.json'), 'utf8')) as { inputs: string[] };
    writeCachedBundle('cli', 'throw new Error("broken bundle");', inputs.map((p) => join(tool, p)), esbuildSalt(), place);
    expect(validCliBundle(tool)).toBe('throw new Error("broken bundle");');
    const r = run(tool, ['--version'], tool);
    expect(r.loaded.tsx).toBe(true);
    expect(output(r)).toEqual(output(viaTsx(tool, ['--version'], tool)));
  });

  it('falls back to tsx when esbuild cannot bundle the sources (an import of a missing export, which tsx tolerates)', () => {
    const tool = toolCopy();
    const main = join(tool, 'cli', 'main.ts');
    writeFileSync(
      main,
      `import { notExported } from './help';\n${readFileSync(main, 'utf8')}\nexport const never = () => (notExported as unknown as () => void)();\n`,
    );
    const r = run(tool, ['--version'], tool);
    expect(r.loaded).toEqual({ esbuild: true, tsx: true });
    expect(r.code).toBe(0);
    expect(output(r)).toEqual(output(viaTsx(tool, ['--version'], tool)));
    expect(cacheFiles(tool), 'nothing stored').toEqual([]);
  });

  it('runs from the bundle it built when the cache cannot be written', () => {
    const tool = toolCopy();
    writeFileSync(join(tool, 'node_modules', '.cache'), 'a file where the cache folder would go\n');
    const r = run(tool, ['--version'], tool);
    expect(r.loaded).toEqual(BUILT);
    expect(output(r)).toEqual(output(viaTsx(tool, ['--version'], tool)));
    expect(readdirSync(join(tool, 'node_modules')).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('concurrent first runs all succeed and leave one whole bundle', async () => {
    const tool = toolCopy();
    const dir = project();
    const expected = output(viaTsx(tool, ['check', '.'], dir));
    const runs = await Promise.all([1, 2, 3, 4].map(() => runAsync(tool, ['check', '.'], dir)));
    for (const r of runs) {
      expect(output(r)).toEqual(expected);
      expect(r.loaded.tsx).toBe(false);
    }
    expect(runs.some((r) => r.loaded.esbuild)).toBe(true);
    expect(cacheFiles(tool), 'no temporary files left').toEqual(['cli-bundle.cjs', 'cli-bundle.json']);
    expect(validCliBundle(tool)).not.toBeNull();
    expect(run(tool, ['check', '.'], dir).loaded).toEqual(FROM_BUNDLE);
  });

  it('loads a command’s code only when it runs: check needs neither jscodeshift nor the prompts', () => {
    const tool = toolCopy();
    const dir = temp('lmi-bundle-lazy-');
    writeFileSync(join(dir, 'handler.js'), 'exports.handler = (event, context, callback) => callback(null, 1);\n');
    expect(run(tool, ['--version'], dir).packages).toEqual({ jscodeshift: false, prompts: false });
    const check = run(tool, ['check', '.'], dir);
    expect(check.code, check.stderr).toBe(1);
    expect(check.packages).toEqual({ jscodeshift: false, prompts: false });
    // a patch needs recast, still no prompts; the tsx path loads commands the same way
    for (const dry of [run(tool, ['--dry', '.'], dir), viaTsx(tool, ['--dry', '.'], dir)]) {
      expect(dry.code, dry.stderr).toBe(1);
      expect(dry.stdout).toContain('async (event, context)');
      expect(dry.packages).toEqual({ jscodeshift: true, prompts: false });
    }
  });

  it('starts the scan worker from its own bundle (check --jobs 2)', () => {
    const tool = toolCopy();
    const dir = temp('lmi-bundle-corpus-');
    writeCorpus(dir, generateCorpus({ files: 400, seed: 5 }));
    const args = ['check', '--format', 'json', '--jobs', '2', '.'];
    const bundled = run(tool, args, dir);
    expect(bundled.loaded.tsx).toBe(false);
    expect(bundled.code, bundled.stderr).toBe(1);
    // the worker's bundle, built by spawn.ts inside the CLI's bundle, is stored in this tool's cache
    expect(cacheFiles(tool)).toEqual(['cli-bundle.cjs', 'cli-bundle.json', 'worker-bundle.cjs', 'worker-bundle.json']);
    expect(readCachedBundle('worker', esbuildSalt(), toolCache(tool))).toContain('analyseTask');
    expect(output(bundled)).toEqual(output(viaTsx(tool, ['check', '--format', 'json', '--jobs', '1', '.'], dir)));
  });

  it('simulates a TypeScript handler from the bundle (its workers boot through tsx)', () => {
    const tool = toolCopy();
    const dir = temp('lmi-bundle-simulate-');
    copyFileSync(join(REPO, 'test', 'simulate-fixtures', 'typed-handler.ts'), join(dir, 'typed-handler.ts'));
    const r = run(tool, ['simulate', 'typed-handler.ts', '--workers', '1', '--invocations', '2', '--format', 'json'], dir);
    expect(r.loaded.tsx, 'not in the CLI’s own thread').toBe(false);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { outcome: string; invocations: Array<{ result: unknown }> };
    expect(report.outcome).toBe('clean');
    expect(report.invocations.map((i) => i.result)).toEqual([
      { ok: true, response: { id: 1 } },
      { ok: true, response: { id: 2 } },
    ]);
  });
});

// In a bundle every module shares one __dirname (the cache folder): a path built from it would point
// there. Such paths come from cli/tool-root.ts instead, whose TOOL_ROOT is the only read allowed.
describe('the bundles', () => {
  it.each(['cli/main.ts', 'cli/parallel/worker-main.ts'])('built from %s read no __dirname, __filename or import.meta', async (entry) => {
    const out = await build(bundleOptions(join(REPO, entry), REPO));
    const used: string[] = [];
    visit(parseForAnalysis('bundle.cjs', out.outputFiles[0].text).program, (node, parent) => {
      // cli/tool-root.ts's own fallback for the tsx path (a bundle is given __lmiToolRoot)
      // (an assignment when esbuild initialises the module lazily: main.ts imports commands on demand)
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && /^TOOL_ROOT\d*$/.test(node.id.name)) return false;
      if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && /^TOOL_ROOT\d*$/.test(node.left.name)) return false;
      if (node.type === 'MetaProperty') used.push('import.meta');
      if (node.type !== 'Identifier' || (node.name !== '__dirname' && node.name !== '__filename')) return;
      // a property name (`x.__dirname`, `{ __dirname: 1 }`) is not a read of the variable
      const isKey = (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) || (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed);
      if (!isKey) used.push(node.name);
    });
    expect(used).toEqual([]);
  }, 60_000);
});
