// Extends the /tmp redirect to the child processes the handler starts (child_process exec,
// execSync, execFile, execFileSync, spawn, spawnSync, fork): a `/tmp` or `/tmp/...` path in the
// command string, the file, the arguments or the `cwd` option is rewritten into the sandbox, and
// TMPDIR, TMP and TEMP point the child at it. The working directory is passed explicitly (the
// worker's own cwd is the task root only inside the worker). Only paths written out in full are
// seen: a command assembled at run time from pieces that only join into `/tmp/...` later (in a
// shell variable, in a script the child runs) is not rewritten.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';

type Fn = (...args: unknown[]) => unknown;
type Options = Record<string, unknown>;

/** `/tmp` as a whole path segment at the start of a token (not `/var/tmp`, not `/tmpfiles`). */
const TMP_TOKEN = /(^|[\s'"=:,(])(\/tmp(?:\/[^\s'"`;|&<>(),:]*)?)(?=$|[\s'"`;|&<>(),:])/g;

/** Shapes of the arguments: what comes first (a command string, or a file) and whether an args array may follow. */
const SHAPES: Record<string, 'command' | 'file'> = {
  exec: 'command',
  execSync: 'command',
  execFile: 'file',
  execFileSync: 'file',
  spawn: 'file',
  spawnSync: 'file',
  fork: 'file',
};

/**
 * `mapPath` maps one path argument into the sandbox (and leaves kept paths alone); `cwd` is the
 * handler's working directory.
 */
export function redirectChildProcesses(sandbox: string, cwd: string, mapPath: (p: unknown) => unknown): void {
  const mapText = (text: string) => text.replace(TMP_TOKEN, (_, lead: string, path: string) => lead + String(mapPath(path)));
  const mapOptions = (options: Options | undefined): Options => {
    const env: Record<string, unknown> = { ...((options?.env as Options | undefined) ?? process.env) };
    for (const name of ['TMPDIR', 'TMP', 'TEMP']) env[name] = typeof env[name] === 'string' && env[name] !== '' ? mapPath(env[name]) : sandbox;
    // without a cwd the child would start in the simulator's directory, which is /tmp itself with --cwd /tmp
    return { ...options, env, cwd: mapPath(options?.cwd ?? cwd) };
  };

  /** The call's arguments with paths mapped: (command|file, [args], [options], [callback]). */
  const mapArgs = (shape: 'command' | 'file', args: unknown[]): unknown[] => {
    const out = [...args];
    if (typeof out[0] === 'string') out[0] = mapText(out[0]);
    let i = 1;
    if (shape === 'file' && Array.isArray(out[1])) {
      out[1] = out[1].map((a) => (typeof a === 'string' ? mapText(a) : a));
      i = 2;
    } else if (shape === 'file' && (out[1] === undefined || out[1] === null) && out.length > 2) i = 2; // spawn(file, undefined, options)
    if (out[i] === undefined || out[i] === null) {
      // an explicit `undefined` options slot stays a slot; a callback keeps its place after it
      if (i < out.length) out[i] = mapOptions(undefined);
      else out.push(mapOptions(undefined));
    } else if (typeof out[i] === 'object') out[i] = mapOptions(out[i] as Options);
    else out.splice(i, 0, mapOptions(undefined));
    return out;
  };

  const target = childProcess as unknown as Record<string, unknown>;
  for (const [name, shape] of Object.entries(SHAPES)) {
    const original = target[name] as Fn | undefined;
    if (typeof original !== 'function') continue;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return original.apply(this, mapArgs(shape, args));
    };
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype' || key === promisify.custom) continue;
      const d = Object.getOwnPropertyDescriptor(original, key);
      if (d) Object.defineProperty(wrapped, key, d);
    }
    // util.promisify(execFile) uses this; Node's own calls the unwrapped function
    const custom = (original as unknown as Record<symbol, Fn | undefined>)[promisify.custom];
    if (custom) {
      Object.defineProperty(wrapped, promisify.custom, {
        value: (...args: unknown[]) => custom(...mapArgs(shape, args)),
      });
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    target[name] = wrapped;
  }
  syncBuiltinESMExports();
}
