// AWS SDK v2: the document client at init, an S3 client per invocation.
const AWS = require('aws-sdk');

const documents = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const s3 = new AWS.S3();
  const object = await s3.getObject({ Bucket: 'b', Key: event.key }).promise();
  const { Item } = await documents.get({ TableName: 't', Key: { id: event.id } }).promise();
  return { body: object.Body, item: Item };
};
