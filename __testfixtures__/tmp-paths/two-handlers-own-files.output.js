const fs = require('fs');
const { tmpdir } = require('os');
const path = require('path');

exports.importHandler = async (event) => {
  const tmpDir = await fs.promises.mkdtemp(path.join(tmpdir(), 'import-'));

  try {
    const file = path.join(tmpDir, 'import.csv');
    await fs.promises.writeFile(file, event.csv);
    const { size } = await fs.promises.stat(file);
    return { size };
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
};

exports.exportHandler = async (event) => {
  const tmpDir = await fs.promises.mkdtemp(path.join(tmpdir(), 'export-'));

  try {
    await fs.promises.writeFile(path.join(tmpDir, 'export.json'), JSON.stringify(event.items));
    return { bytes: (await fs.promises.readFile(path.join(tmpDir, 'export.json'))).length };
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
};
