const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({ region: process.env.AWS_REGION });

exports.handler = async (event) => {
  const res = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
  return res.ContentLength;
};
