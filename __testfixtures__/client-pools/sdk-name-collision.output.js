const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const client = require('./http-client');

const snsClient = new SNSClient({ region: process.env.AWS_REGION });

async function notify(message) {
  await snsClient.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: message }));
}

exports.handler = async (event) => {
  const order = await client.get(`/orders/${event.orderId}`);
  await notify(JSON.stringify(order));
  return order;
};
