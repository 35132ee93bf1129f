const AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = (event, context, callback) => {
  const params = { Bucket: process.env.BUCKET, Key: event.key };
  s3.getObject(params, callback);
};
