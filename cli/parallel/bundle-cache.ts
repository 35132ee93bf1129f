// The bundled worker script, kept between runs in the tool's own node_modules/.cache (never in the
// user's project). A bundle is reused only when every source file it was built from still has
// the same content: the manifest lists them with one hash over their paths and bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { version as nodeVersion } from 'node:process';

const TOOL_ROOT = join(__dirname, '..', '..');

/** Where the cache lives and what input paths are relative to (tests use their own). */
export interface CachePlace {
  root: string;
  dir: string;
}

const TOOL_CACHE: CachePlace = { root: TOOL_ROOT, dir: join(TOOL_ROOT, 'node_modules', '.cache', 'lmi-migrate') };

interface Manifest {
  /** source files the bundle was built from, relative to the tool's root */
  inputs: string[];
  /** over the inputs' paths and bytes, the salt and the Node version */
  hash: string;
  /** of the script itself: a manifest and a script written by two different runs never pair up */
  script: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function hashOf(root: string, inputs: string[], salt: string): string {
  const hash = createHash('sha256').update(salt);
  for (const input of inputs) hash.update(`\0${input}\0`).update(readFileSync(join(root, input)));
  return hash.digest('hex');
}

/** The cached script when it was built from exactly the current sources, else null. */
export function readCachedBundle(salt: string, place: CachePlace = TOOL_CACHE): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(place.dir, 'worker-bundle.json'), 'utf8')) as Manifest;
    if (hashOf(place.root, manifest.inputs, salt + nodeVersion) !== manifest.hash) return null;
    const script = readFileSync(join(place.dir, 'worker-bundle.cjs'), 'utf8');
    return sha256(script) === manifest.script ? script : null;
  } catch {
    return null; // no cache, or a file it lists is gone
  }
}

/** Stores a bundle built from `inputs` (absolute paths). Best effort: a read-only install just rebuilds. */
export function writeCachedBundle(script: string, inputs: string[], salt: string, place: CachePlace = TOOL_CACHE): void {
  try {
    const rel = inputs.map((p) => relative(place.root, p)).sort();
    const manifest: Manifest = { inputs: rel, hash: hashOf(place.root, rel, salt + nodeVersion), script: sha256(script) };
    mkdirSync(place.dir, { recursive: true });
    const scriptFile = join(place.dir, 'worker-bundle.cjs');
    const manifestFile = join(place.dir, 'worker-bundle.json');
    const suffix = `.${process.pid}.tmp`;
    writeFileSync(scriptFile + suffix, script);
    writeFileSync(manifestFile + suffix, JSON.stringify(manifest));
    // the script first: a manifest never names a script that is not there yet
    renameSync(scriptFile + suffix, scriptFile);
    renameSync(manifestFile + suffix, manifestFile);
  } catch {
    // not writable: nothing to keep
  }
}
