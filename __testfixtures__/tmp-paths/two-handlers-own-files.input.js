const fs = require('fs');
const path = require('path');

exports.importHandler = async (event) => {
  const file = path.join('/tmp', 'import.csv');
  await fs.promises.writeFile(file, event.csv);
  const { size } = await fs.promises.stat(file);
  return { size };
};

exports.exportHandler = async (event) => {
  await fs.promises.writeFile('/tmp/export.json', JSON.stringify(event.items));
  return { bytes: (await fs.promises.readFile('/tmp/export.json')).length };
};
