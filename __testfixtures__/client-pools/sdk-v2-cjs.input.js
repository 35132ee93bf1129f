const AWS = require('aws-sdk');

exports.handler = async (event) => {
  const docClient = new AWS.DynamoDB.DocumentClient({ region: 'us-east-1' });
  const sqs = new AWS.SQS();
  const data = await docClient.get({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
  await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(data.Item) }).promise();
  return data.Item;
};
