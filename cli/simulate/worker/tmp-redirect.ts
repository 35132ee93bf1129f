// Makes the handler's /tmp the simulation's sandbox directory: os.tmpdir() returns it and every
// path-taking fs function maps a literal '/tmp' or '/tmp/...' argument into it. Writes inside the
// sandbox are recorded with the invocation that made them. Child processes get their paths and
// TMPDIR mapped too (child-redirect.ts); what they write is not recorded.
// A relative path is resolved against the handler's working directory first (a worker thread
// cannot chdir; the simulator passes the directory Lambda would run the handler in).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { syncBuiltinESMExports } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TmpWrite } from '../protocol';
import { redirectChildProcesses } from './child-redirect';
import { currentInvocation, now } from './current-invocation';

/** fs functions whose first argument is a path; `writes` marks those that write it. */
const ONE_PATH = [
  'access', 'appendFile', 'chmod', 'chown', 'lchown', 'lutimes', 'lchmod', 'exists', 'lstat', 'mkdir', 'mkdtemp',
  'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat', 'statfs', 'truncate',
  'unlink', 'utimes', 'watch', 'watchFile', 'unwatchFile', 'writeFile', 'createReadStream', 'createWriteStream',
  'openAsBlob',
];
/** fs functions whose first two arguments are paths (the second is the one written). */
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'];
const WRITES_FIRST = new Set(['appendFile', 'writeFile', 'createWriteStream', 'truncate']);
const WRITES_SECOND = new Set(['copyFile', 'cp', 'rename']);

export interface TmpRedirect {
  writes: TmpWrite[];
  /** directories the handler created with mkdtemp (their random suffix is masked in results) */
  tempDirs: string[];
  /** the path (as the handler wrote it) is a file of the function's /tmp: scratch, not part of the package */
  isScratch: (path: unknown) => boolean;
}

export function redirectTmp(sandbox: string, keepPaths: string[], cwd: string): TmpRedirect {
  const state: TmpRedirect = { writes: [], tempDirs: [], isScratch: () => false };
  const kept = (p: string) => p === sandbox || p.startsWith(sandbox + '/') || keepPaths.some((k) => p === k || p.startsWith(k + '/'));

  const mapPath = (arg: unknown): unknown => {
    if (typeof arg === 'string') {
      const path = arg !== '' && !isAbsolute(arg) ? resolve(cwd, arg) : arg;
      if ((path === '/tmp' || path.startsWith('/tmp/')) && !kept(path)) return sandbox + path.slice(4);
      return path;
    }
    if (arg instanceof URL && arg.protocol === 'file:') {
      const p = fileURLToPath(arg);
      const mapped = mapPath(p);
      return mapped === p ? arg : pathToFileURL(mapped as string);
    }
    return arg;
  };

  state.isScratch = (arg) => {
    const mapped = mapPath(arg);
    const p = typeof mapped === 'string' ? mapped : mapped instanceof URL ? fileURLToPath(mapped) : undefined;
    return p !== undefined && (p === sandbox || p.startsWith(sandbox + '/'));
  };

  const recordWrite = (arg: unknown, renamed?: string) => {
    const p = typeof arg === 'string' ? arg : arg instanceof URL ? fileURLToPath(arg) : undefined;
    if (!p || !p.startsWith(sandbox + '/')) return;
    state.writes.push({ path: p.slice(sandbox.length + 1), invocation: currentInvocation(), at: now(), ...(renamed ? { renamed } : {}) });
  };

  // unwrapped: the check below is the simulator's work, not the handler's
  const { readFileSync, statSync } = fs;
  /**
   * rename() replaces its destination atomically: a reader that has the old file open keeps it, the
   * next one opens the new one. Onto a file with the same bytes it changes nothing another request
   * can see (a complete download renamed over the cache file another request already put there), so
   * it is not a write; onto a missing file or different bytes it is, recorded with the bytes' digest
   * (renames issued at once all find the file missing: same digest, no overwrite between them).
   */
  /** the SHA-1 of the file a rename moves (compared with the other renames onto the same path after the run) */
  const digest = (from: unknown) => {
    try {
      return createHash('sha1').update(readFileSync(from as string)).digest('hex');
    } catch {
      return undefined;
    }
  };
  const sameContent = (from: unknown, to: unknown) => {
    try {
      const [a, b] = [statSync(from as string), statSync(to as string)];
      return a.isFile() && b.isFile() && a.size === b.size && readFileSync(from as string).equals(readFileSync(to as string));
    } catch {
      return false;
    }
  };

  const opensForWrite = (flags: unknown) =>
    (typeof flags === 'string' && /[wa+]/.test(flags)) ||
    (typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0);

  const wrap = (target: Record<string, unknown>, name: string, paths: 1 | 2, sync: boolean) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    const base = name.replace(/Sync$/, '');
    const wrapped = function (this: unknown, ...args: unknown[]) {
      args[0] = mapPath(args[0]);
      if (paths === 2) args[1] = mapPath(args[1]);
      if (WRITES_FIRST.has(base) || (base === 'open' && opensForWrite(args[1]))) recordWrite(args[0]);
      if (base === 'rename') {
        if (!sameContent(args[0], args[1])) recordWrite(args[1], digest(args[0]));
      } else if (WRITES_SECOND.has(base)) recordWrite(args[1]);
      const out = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (base === 'mkdtemp') trackTempDir(out, sync);
      return out;
    };
    // keep realpath.native, promisify.custom and friends
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      const d = Object.getOwnPropertyDescriptor(original, key);
      if (d) Object.defineProperty(wrapped, key, d);
    }
    Object.defineProperty(wrapped, 'name', { value: (original as { name: string }).name });
    target[name] = wrapped;
  };

  const trackTempDir = (out: unknown, sync: boolean) => {
    if (sync && typeof out === 'string') state.tempDirs.push(out);
    else if (out instanceof Promise) out.then((dir) => typeof dir === 'string' && state.tempDirs.push(dir), () => undefined);
  };

  const fsObject = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of ONE_PATH) {
    wrap(fsObject, name, 1, false);
    wrap(fsObject, `${name}Sync`, 1, true);
    wrap(promises, name, 1, false);
  }
  for (const name of TWO_PATHS) {
    wrap(fsObject, name, 2, false);
    wrap(fsObject, `${name}Sync`, 2, true);
    wrap(promises, name, 2, false);
  }
  // the callback mkdtemp reports its directory through the callback
  const mkdtempCb = fsObject.mkdtemp as (...a: unknown[]) => void;
  fsObject.mkdtemp = function (this: unknown, ...args: unknown[]) {
    const cb = args[args.length - 1];
    if (typeof cb === 'function') {
      args[args.length - 1] = (err: unknown, dir: string) => {
        if (!err) state.tempDirs.push(dir);
        (cb as (e: unknown, d: string) => void)(err, dir);
      };
    }
    return mkdtempCb.apply(this, args);
  };

  os.tmpdir = () => sandbox;
  redirectChildProcesses(sandbox, cwd, mapPath);
  // ESM `import { tmpdir } from 'node:os'` / `import { readFile } from 'node:fs/promises'` see the patches too
  syncBuiltinESMExports();
  return state;
}
