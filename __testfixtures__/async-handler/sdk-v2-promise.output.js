const AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = async (event, context) => {
  const params = { Bucket: process.env.BUCKET, Key: event.key };
  return s3.getObject(params).promise();
};
