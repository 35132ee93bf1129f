const { readFile } = require('node:fs/promises');

exports.handler = async function(event, context) {
  const data = await readFile('/var/task/config.json', 'utf8');
  const config = JSON.parse(data);
  return { region: config.region };
};
