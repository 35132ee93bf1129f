// The handler's working directory. On Lambda it is the task root (/var/task, the root of the
// deployment package), so code reads `./templates/x.html` relative to it. Worker threads cannot
// chdir: each worker answers process.cwd() with it and resolves relative fs paths against it
// (tmp-redirect), and the main process changes its own directory for the run so that child
// processes the handler starts see it too. Overlapping in-process runs (tests) share the process's
// directory: the last one started wins until the last one ends, which restores the original.
import { isMainThread } from 'node:worker_threads';

let active = 0;
let original: string | undefined;

export async function inWorkingDirectory<T>(dir: string, run: () => Promise<T>): Promise<T> {
  // process.chdir is unavailable in worker threads (simulate called from one): workers still see `dir`
  if (!isMainThread) return run();
  if (active++ === 0) original = process.cwd();
  try {
    process.chdir(dir);
    return await run();
  } finally {
    if (--active === 0 && original !== undefined) process.chdir(original);
  }
}
