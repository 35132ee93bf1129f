const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

exports.handler = async (event) => {
  // the client reads AWS_REGION when it is built: hoisting it would ignore this per-request region
  process.env.AWS_REGION = event.region;
  const s3 = new S3Client({});
  await s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: event.key, Body: event.body }));
};
