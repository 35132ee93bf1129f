const fs = require('fs/promises');

exports.handler = async (event) => {
  const file = await fs.open('/tmp/batch.ndjson', 'w');
  for (const record of event.Records) {
    await file.write(`${JSON.stringify(JSON.parse(record.body))}\n`);
  }
  await file.close();
  const batch = await fs.readFile('/tmp/batch.ndjson', 'utf8');
  return { batchItemFailures: [], bytes: batch.length };
};
