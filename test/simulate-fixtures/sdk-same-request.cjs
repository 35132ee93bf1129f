// The same SDK requests on every request (v3 send and v2 promise): work that belongs at init.
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const AWS = require('aws-sdk');

const s3 = new S3Client({});
const documents = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'config', Key: 'settings.json' }));
  const { Item } = await documents.get({ TableName: 'flags', Key: { id: 'all' } }).promise();
  return { id: event.id, body: object.Body, item: Item };
};
