const fs = require('fs');

const STATE_FILE = '/tmp/last-run.json';

exports.recordHandler = async (event) => {
  await fs.promises.writeFile(STATE_FILE, JSON.stringify({ at: event.time }));
  return { recorded: true };
};

exports.reportHandler = async () => {
  const last = JSON.parse(await fs.promises.readFile(STATE_FILE, 'utf8'));
  return { lastRun: last.at };
};
