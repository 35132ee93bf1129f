// Starts a scan worker. The worker's code is bundled once per process with esbuild (already
// installed with tsx) and evaluated in the thread: loading ~200 TypeScript modules through tsx
// took a worker about 3× longer to start than one bundled script. If bundling fails, the worker
// loads the sources through tsx like the bin does.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

const ENTRY = join(__dirname, 'worker-main.ts');
let bundled: Promise<string | null> | undefined;

/** The worker's script, bundled in esbuild's own process (so the main thread keeps working meanwhile). */
export function bundledWorkerScript(): Promise<string | null> {
  bundled ??= (async () => {
    try {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [ENTRY],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        packages: 'external',
        write: false,
        logLevel: 'silent',
      });
      // packages resolve from this folder, not from the user's working directory
      return `(function (require) {\n${out.outputFiles[0].text}\n})(require('node:module').createRequire(${JSON.stringify(ENTRY)}));`;
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
