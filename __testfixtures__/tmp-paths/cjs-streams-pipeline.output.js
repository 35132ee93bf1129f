const { createReadStream, createWriteStream } = require('node:fs');
const { pipeline } = require('node:stream/promises');
const { createGunzip } = require('node:zlib');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { mkdtemp, rm } = require('node:fs/promises');
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

module.exports.handler = async (event) => {
  const tmpDir = await mkdtemp(join(tmpdir(), 'export-'));

  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
    await pipeline(Body, createGunzip(), createWriteStream(join(tmpDir, 'export.ndjson')));
    await s3.send(
      new PutObjectCommand({
        Bucket: event.bucket,
        Key: event.key.replace(/\.gz$/, ''),
        Body: createReadStream(join(tmpDir, 'export.ndjson')),
      }),
    );
    return { ok: true };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
};
