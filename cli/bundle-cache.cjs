// Bundles of this tool's TypeScript (the CLI, the scan worker), built by esbuild and kept between
// runs in the tool's own node_modules/.cache (never in the user's project). A bundle is reused
// only while every source file it was built from still has the same content: its manifest lists
// them with one hash over their paths and bytes.
// Plain CommonJS: cli/bin.cjs reads the cache before any TypeScript loader is registered.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { threadId } = require('node:worker_threads');

/** The cache of the tool installed (or checked out) at `root`. */
function toolCache(root) {
  return { root, dir: join(root, 'node_modules', '.cache', 'lmi-migrate') };
}

/** What, besides the sources, a bundle depends on: the esbuild that built it. */
function esbuildSalt() {
  return `esbuild ${require('esbuild/package.json').version}`;
}

/** The esbuild options both bundles are built with: one CommonJS script, packages left to require(). */
function bundleOptions(entry, root) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'silent',
  };
}

/** The absolute paths a bundle depends on: esbuild's inputs plus the files that say how it is built. */
function bundleInputs(metafile, root, builders) {
  return [...new Set([...Object.keys(metafile.inputs).map((p) => join(root, p)), ...builders])];
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function hashOf(root, inputs, salt) {
  const hash = createHash('sha256').update(salt).update(`\0${process.version}`);
  for (const input of inputs) hash.update(`\0${input}\0`).update(readFileSync(join(root, input)));
  return hash.digest('hex');
}

const files = (name, place) => ({ script: join(place.dir, `${name}-bundle.cjs`), manifest: join(place.dir, `${name}-bundle.json`) });

/** Bundle `name`'s script when it was built from exactly the current sources, else null. */
function readCachedBundle(name, salt, place) {
  const { script: scriptFile, manifest: manifestFile } = files(name, place);
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (hashOf(place.root, manifest.inputs, salt) !== manifest.hash) return null;
    const script = readFileSync(scriptFile, 'utf8');
    // a manifest and a script written by two different runs never pair up
    return sha256(script) === manifest.script ? script : null;
  } catch {
    return null; // no cache, a file it lists is gone, or a manifest that is not ours
  }
}

/**
 * Stores bundle `name`, built from `inputs` (absolute paths under place.root). Each file is written
 * whole under a name of its own, then renamed into place, so a concurrent reader sees an old file or
 * a new one, never part of one. Best effort: a read-only install just builds again next time.
 */
function writeCachedBundle(name, script, inputs, salt, place) {
  const { script: scriptFile, manifest: manifestFile } = files(name, place);
  const suffix = `.${process.pid}-${threadId}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const rel = inputs.map((p) => relative(place.root, p)).sort();
    const manifest = { inputs: rel, hash: hashOf(place.root, rel, salt), script: sha256(script) };
    mkdirSync(place.dir, { recursive: true });
    writeFileSync(scriptFile + suffix, script);
    writeFileSync(manifestFile + suffix, JSON.stringify(manifest));
    // the script first: a manifest never names a script that is not there yet
    renameSync(scriptFile + suffix, scriptFile);
    renameSync(manifestFile + suffix, manifestFile);
  } catch {
    // not writable: nothing to keep (and no temporary file left behind)
    for (const file of [scriptFile + suffix, manifestFile + suffix]) {
      try {
        rmSync(file, { force: true });
      } catch {
        // never there
      }
    }
  }
}

module.exports = { toolCache, esbuildSalt, bundleOptions, bundleInputs, readCachedBundle, writeCachedBundle };
