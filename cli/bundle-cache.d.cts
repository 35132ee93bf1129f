// Types of bundle-cache.cjs (plain CommonJS so that cli/bin.cjs can load it without tsx).
import type { BuildOptions, Metafile } from 'esbuild';

/** Where a cache lives and what the inputs' paths are relative to (tests use their own). */
export interface CachePlace {
  root: string;
  dir: string;
}

/** The named bundles: the CLI (cli/main.ts) and the scan worker (cli/parallel/worker-main.ts). */
export type BundleName = 'cli' | 'worker';

export function toolCache(root: string): CachePlace;
export function esbuildSalt(): string;
export function bundleOptions(entry: string, root: string): BuildOptions & { write: false; metafile: true };
export function bundleInputs(metafile: Metafile, root: string, builders: string[]): string[];
export function readCachedBundle(name: BundleName, salt: string, place: CachePlace): string | null;
export function writeCachedBundle(name: BundleName, script: string, inputs: string[], salt: string, place: CachePlace): void;
