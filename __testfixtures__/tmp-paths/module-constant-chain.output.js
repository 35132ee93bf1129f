const fs = require('fs');
const path = require('path');
const { tmpdir } = require('os');

exports.handler = async (event) => {
  const tmpDir = await fs.promises.mkdtemp(path.join(tmpdir(), 'work-'));
  const WORK_DIR = path.join(tmpDir, 'work');
  const INPUT = path.join(WORK_DIR, 'in.png');
  const OUTPUT = `${WORK_DIR}/out.png`;

  try {
    await fs.promises.mkdir(WORK_DIR, { recursive: true });
    await fs.promises.writeFile(INPUT, Buffer.from(event.png, 'base64'));
    await resize(INPUT, OUTPUT);
    return (await fs.promises.readFile(OUTPUT)).toString('base64');
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
};

async function resize(from, to) {
  await fs.promises.copyFile(from, to);
}
