// The handler's working directory. On Lambda it is the task root (/var/task, the root of the
// deployment package), so code reads `./templates/x.html` relative to it. Worker threads cannot
// chdir: each worker answers process.cwd() with it and resolves relative fs paths against it
// (tmp-redirect), and the main process changes its own directory for the run so that child
// processes the handler starts see it too. Overlapping in-process runs (tests) share the process's
// directory: the latest run still going has it; when a run ends the process moves to the directory
// of a run still going (never stays in one whose run is over: its caller may delete it, and Node
// cannot start workers from a deleted directory), and the last one restores the original.
import { isMainThread } from 'node:worker_threads';

const active: Array<{ dir: string }> = [];
let original: string | undefined;

export async function inWorkingDirectory<T>(dir: string, run: () => Promise<T>): Promise<T> {
  // process.chdir is unavailable in worker threads (simulate called from one): workers still see `dir`
  if (!isMainThread) return run();
  if (active.length === 0) original = process.cwd();
  const entry = { dir };
  active.push(entry);
  try {
    process.chdir(dir);
    return await run();
  } finally {
    active.splice(active.indexOf(entry), 1);
    const next = active.length ? active[active.length - 1].dir : original;
    try {
      if (next !== undefined) process.chdir(next);
    } catch {
      // that directory is gone too: nothing better to return to
    }
  }
}
