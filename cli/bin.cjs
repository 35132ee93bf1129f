#!/usr/bin/env node
// Runs the TypeScript CLI with no build step. Loading ~200 TypeScript modules through tsx takes
// over a second, so the CLI runs from one esbuild bundle of cli/main.ts, cached in the tool's
// node_modules/.cache and rebuilt when a source changes (bundle-cache.cjs). If the bundle cannot
// be built, stored or loaded, the CLI runs through tsx as before: the cache never makes it fail.
// LMI_MIGRATE_NO_BUNDLE=1 always takes the tsx path.
'use strict';
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const ROOT = join(__dirname, '..');
const ENTRY = join(__dirname, 'main.ts');

/** The bundle's exports. Its packages resolve from cli/, and its modules learn the tool's root from __lmiToolRoot. */
function evaluate(script, filename) {
  const params = ['exports', 'require', 'module', '__filename', '__dirname', '__lmiToolRoot'];
  const run = vm.compileFunction(script, params, { filename, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  run(module.exports, createRequire(ENTRY), module, filename, dirname(filename), ROOT);
  return module.exports;
}

/** cli/main.ts's exports from the bundle (cached, else built now), or null to use tsx. */
function bundledCli() {
  const noBundle = process.env.LMI_MIGRATE_NO_BUNDLE;
  if (noBundle && noBundle !== '0') return null;
  try {
    const cache = require('./bundle-cache.cjs');
    const place = cache.toolCache(ROOT);
    const salt = cache.esbuildSalt();
    let script = cache.readCachedBundle('cli', salt, place);
    if (!script) {
      const out = require('esbuild').buildSync(cache.bundleOptions(ENTRY, ROOT));
      script = out.outputFiles[0].text;
      cache.writeCachedBundle('cli', script, cache.bundleInputs(out.metafile, ROOT, [__filename, join(__dirname, 'bundle-cache.cjs')]), salt, place);
    }
    const cli = evaluate(script, join(place.dir, 'cli-bundle.cjs'));
    return typeof cli.main === 'function' ? cli : null;
  } catch {
    return null;
  }
}

async function tsxCli() {
  // main.ts loads each command with import(), which goes through Node's ESM loader: tsx's ESM hook
  // is registered too (its API's CommonJS build cannot register it, so it is imported)
  (await import('tsx/esm/api')).register();
  require('tsx/cjs/api').register();
  return require('./main.ts');
}

(async () => {
  const { main } = bundledCli() ?? (await tsxCli());
  return main(process.argv.slice(2));
})().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`lmi-migrate: fatal: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
