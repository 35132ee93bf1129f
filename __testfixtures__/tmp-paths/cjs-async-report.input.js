const fs = require('fs');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

function toCsv(rows) {
  return rows.map((row) => row.join(',')).join('\n');
}

exports.handler = async (event) => {
  await fs.promises.writeFile('/tmp/report.csv', toCsv(event.rows));
  // upload the report we just wrote
  await s3.send(
    new PutObjectCommand({
      Bucket: process.env.BUCKET,
      Key: `reports/${event.reportId}.csv`,
      Body: fs.createReadStream('/tmp/report.csv'),
    }),
  );
  const csv = await fs.promises.readFile('/tmp/report.csv', 'utf8');
  return { reportId: event.reportId, lines: csv.split('\n').length };
};
