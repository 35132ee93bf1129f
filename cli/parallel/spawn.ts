// Starts a scan worker. The worker's code is one script bundled by esbuild and evaluated in the
// thread: loading ~200 TypeScript modules through tsx took a worker about 3× longer to start. The
// bundle is cached between runs (cli/bundle-cache.cjs). If bundling fails, the worker loads the
// sources through tsx (worker.cjs).
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { bundleInputs, bundleOptions, esbuildSalt, readCachedBundle, toolCache, writeCachedBundle } from '../bundle-cache.cjs';
import { TOOL_ROOT } from '../tool-root';

const ENTRY = join(TOOL_ROOT, 'cli', 'parallel', 'worker-main.ts');
/** the files that decide how the worker is built: a change to them rebuilds it too */
const BUILDERS = [join(TOOL_ROOT, 'cli', 'parallel', 'spawn.ts'), join(TOOL_ROOT, 'cli', 'bundle-cache.cjs')];

// packages resolve from the worker's folder, not from the user's working directory; the bundle's
// modules learn the tool's root from __lmiToolRoot (cli/tool-root.ts)
const wrap = (script: string) =>
  `(function (require, __lmiToolRoot) {\n${script}\n})(require('node:module').createRequire(${JSON.stringify(ENTRY)}), ${JSON.stringify(TOOL_ROOT)});`;
let bundled: Promise<string | null> | undefined;

/** The worker's script, bundled in esbuild's own process (so the main thread keeps working meanwhile). */
export function bundledWorkerScript(): Promise<string | null> {
  bundled ??= (async () => {
    try {
      // a valid cache needs no esbuild at all (loading it costs more than reading the cache)
      const salt = esbuildSalt();
      const place = toolCache(TOOL_ROOT);
      const cached = readCachedBundle('worker', salt, place);
      if (cached) return wrap(cached);
      const esbuild = require('esbuild') as typeof import('esbuild');
      const out = await esbuild.build(bundleOptions(ENTRY, TOOL_ROOT));
      const script = out.outputFiles[0].text;
      writeCachedBundle('worker', script, bundleInputs(out.metafile, TOOL_ROOT, BUILDERS), salt, place);
      return wrap(script);
    } catch {
      return null;
    }
  })();
  return bundled;
}

/** A new worker, or null when `wanted()` turned false while the script was being bundled. */
export async function startWorker(wanted: () => boolean): Promise<Worker | null> {
  const code = await bundledWorkerScript();
  if (!wanted()) return null;
  return code ? new Worker(code, { eval: true }) : new Worker(join(TOOL_ROOT, 'cli', 'parallel', 'worker.cjs'));
}
