// Reads the same file on every request (blocking, and the same for every request), and a file per
// event (different for every request: not repeated work).
const { readFileSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
const { join } = require('node:path');

exports.handler = async (event) => {
  const config = JSON.parse(readFileSync(join(__dirname, 'events.json'), 'utf8'));
  const own = await readFile(join(__dirname, 'events', `${event.file}.json`), 'utf8').catch(() => 'none');
  return { events: config.length, own: own.length };
};
