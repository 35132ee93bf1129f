const { join } = require('path');
const { tmpdir } = require('os');
const fs = require('fs/promises');

exports.handler = async (event) => {
  const tmpDir = await fs.mkdtemp(join(tmpdir(), 'batch-'));

  try {
    const file = await fs.open(join(tmpDir, 'batch.ndjson'), 'w');
    for (const record of event.Records) {
      await file.write(`${JSON.stringify(JSON.parse(record.body))}\n`);
    }
    await file.close();
    const batch = await fs.readFile(join(tmpDir, 'batch.ndjson'), 'utf8');
    return { batchItemFailures: [], bytes: batch.length };
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
};
