const { createReadStream, createWriteStream } = require('node:fs');
const { pipeline } = require('node:stream/promises');
const { createGunzip } = require('node:zlib');
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

module.exports.handler = async (event) => {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
  await pipeline(Body, createGunzip(), createWriteStream('/tmp/export.ndjson'));
  await s3.send(
    new PutObjectCommand({
      Bucket: event.bucket,
      Key: event.key.replace(/\.gz$/, ''),
      Body: createReadStream('/tmp/export.ndjson'),
    }),
  );
  return { ok: true };
};
