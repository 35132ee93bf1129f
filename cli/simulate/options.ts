// `simulate` options: validated into SimulateOptions, with clear usage errors.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError, type CliIO, type ParsedOptions } from '../io';
import { formatOf, type Format } from '../commands/options';
import { generatedEvents, invocationEvents, loadEvents } from './events';
import { parseFieldPath } from './mask';
import type { SimulateOptions } from './simulate';

export const DEFAULTS = { export: 'handler', workers: 2, concurrency: 8, timeoutMs: 30_000 } as const;

/** What the command line says: the simulation's options plus the output format. */
export type ParsedSimulate = Omit<SimulateOptions, 'likelyCauses'> & { format: Format };

/** Throws UsageError for bad options; a missing handler file is left to the caller (exit 2). */
export function parseSimulateOptions(positionals: string[], values: ParsedOptions, io: CliIO): ParsedSimulate {
  if (positionals.length !== 1) throw new UsageError(`simulate needs exactly one handler file, e.g. lmi-migrate simulate src/handler.js --export handler`);
  const format = formatOf(values);
  const workers = positiveInt(values.workers, 'workers', DEFAULTS.workers);
  const concurrency = positiveInt(values.concurrency, 'concurrency', DEFAULTS.concurrency);
  const handlerFile = resolve(io.cwd, positionals[0]);
  const setupFile = typeof values.setup === 'string' ? resolve(io.cwd, values.setup) : undefined;
  const ignoreFields = ([] as string[]).concat((values['ignore-field'] as string[] | string | undefined) ?? []);
  for (const f of ignoreFields) {
    try {
      parseFieldPath(f);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const given = typeof values.events === 'string' ? loadEvents(resolve(io.cwd, values.events)) : undefined;
  const count = positiveInt(values.invocations, 'invocations', given?.length ?? workers * concurrency * 2);
  const events = invocationEvents(given ?? generatedEvents(count), count);
  const projectRoot = projectRootOf(handlerFile);
  // Lambda runs the handler in its task root (the deployment package's root): the nearest package.json
  const workingDirectory = typeof values.cwd === 'string' ? resolve(io.cwd, values.cwd) : projectRoot;
  const exportName = typeof values.export === 'string' && values.export ? values.export : DEFAULTS.export;
  return { handlerFile, exportName, setupFile, projectRoot, cwd: io.cwd, workingDirectory, workers, concurrency, events, ignoreFields, timeoutMs: DEFAULTS.timeoutMs, format };
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--${name} must be a whole number from 1 to 1000, got "${value}"`);
  return n;
}

/** The nearest directory above the handler holding a package.json (else the handler's directory). */
function projectRootOf(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    // never keep the whole of /tmp: that would switch the redirect off
    if (dir === '/tmp') return dirname(file);
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(file);
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
