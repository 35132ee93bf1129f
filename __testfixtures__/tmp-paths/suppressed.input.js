const fs = require('fs');

exports.handler = async (event) => {
  // lmi-migrate-ignore-next-line tmp-fixed-path
  await fs.promises.writeFile('/tmp/debug.json', JSON.stringify(event));
  const stored = await fs.promises.readFile('/tmp/debug.json', 'utf8');
  return { stored: stored.length };
};
