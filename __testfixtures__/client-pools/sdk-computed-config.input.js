const { S3Client, ListObjectsV2Command } = require('@aws-sdk/client-s3');
const { loadSettings } = require('./settings');

exports.handler = async (event) => {
  const settings = await loadSettings();
  const s3 = new S3Client({ region: settings.region });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: event.bucket }));
  const audit = new S3Client({});
  audit.middlewareStack.add((next) => (args) => next({ ...args, request: { ...args.request, requestId: event.id } }));
  await audit.send(new ListObjectsV2Command({ Bucket: process.env.AUDIT_BUCKET }));
  return listed.KeyCount;
};
