'use strict';
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

// created once per worker at init: already correct
const sqs = new SQSClient({ region: process.env.AWS_REGION });

module.exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
  return { ok: true };
};
