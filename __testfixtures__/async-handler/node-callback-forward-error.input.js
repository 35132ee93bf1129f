const AWS = require('aws-sdk');
const sns = new AWS.SNS();

exports.handler = function (event, context) {
  const params = { TopicArn: process.env.TOPIC, Message: JSON.stringify(event) };
  sns.publish(params, function (err, data) {
    console.log('published', data && data.MessageId);
    context.done(err, data);
  });
};
