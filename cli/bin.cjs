#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so a fresh checkout needs no build step.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('./main.ts');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`lmi-migrate: fatal: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
