const fs = require('fs');
const { join } = require('path');
const { tmpdir } = require('os');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

function toCsv(rows) {
  return rows.map((row) => row.join(',')).join('\n');
}

exports.handler = async (event) => {
  const tmpDir = await fs.promises.mkdtemp(join(tmpdir(), 'report-'));

  try {
    await fs.promises.writeFile(join(tmpDir, 'report.csv'), toCsv(event.rows));
    // upload the report we just wrote
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.BUCKET,
        Key: `reports/${event.reportId}.csv`,
        Body: fs.createReadStream(join(tmpDir, 'report.csv')),
      }),
    );
    const csv = await fs.promises.readFile(join(tmpDir, 'report.csv'), 'utf8');
    return { reportId: event.reportId, lines: csv.split('\n').length };
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
};
