// Reads a template relative to the working directory, as handlers deployed with their templates
// at the package root do (Lambda runs them in /var/task).
const { readFile } = require('node:fs/promises');
const { resolve } = require('node:path');
const { execFile } = require('node:child_process');

exports.handler = async () => {
  const greeting = await readFile('templates/greeting.txt', 'utf8');
  const childCwd = await new Promise((done, fail) =>
    execFile(process.execPath, ['-e', 'process.stdout.write(process.cwd())'], (err, out) => (err ? fail(err) : done(out))),
  );
  return { greeting, cwd: process.cwd(), resolved: resolve('templates'), childCwd };
};
