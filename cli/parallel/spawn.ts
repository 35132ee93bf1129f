// Starts a scan worker. The worker's code is one script bundled by esbuild (installed with tsx)
// and evaluated in the thread: loading ~200 TypeScript modules through tsx took a worker about 3×
// longer to start. The bundle is cached between runs (bundle-cache.ts). If bundling fails, the
// worker loads the sources through tsx like the bin does.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { readCachedBundle, writeCachedBundle } from './bundle-cache';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(__dirname, 'worker-main.ts');

// packages resolve from this folder, not from the user's working directory
const wrap = (script: string) => `(function (require) {\n${script}\n})(require('node:module').createRequire(${JSON.stringify(ENTRY)}));`;
let bundled: Promise<string | null> | undefined;

/** The worker's script, bundled in esbuild's own process (so the main thread keeps working meanwhile). */
export function bundledWorkerScript(): Promise<string | null> {
  bundled ??= (async () => {
    try {
      // a valid cache needs no esbuild at all (loading it costs more than reading the cache)
      const salt = `esbuild ${(require('esbuild/package.json') as { version: string }).version}`;
      const cached = readCachedBundle(salt);
      if (cached) return wrap(cached);
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [ENTRY],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        packages: 'external',
        write: false,
        metafile: true,
        absWorkingDir: ROOT,
        logLevel: 'silent',
      });
      const script = out.outputFiles[0].text;
      writeCachedBundle(script, Object.keys(out.metafile.inputs).map((p) => join(ROOT, p)), salt);
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
  return code ? new Worker(code, { eval: true }) : new Worker(join(__dirname, 'worker.cjs'));
}
