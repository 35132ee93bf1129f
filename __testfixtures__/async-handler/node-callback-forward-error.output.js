const AWS = require('aws-sdk');
const sns = new AWS.SNS();

exports.handler = async function(event, context) {
  const params = { TopicArn: process.env.TOPIC, Message: JSON.stringify(event) };

  return new Promise((resolve, reject) => {
    sns.publish(params, function (err, data) {
      console.log('published', data && data.MessageId);
      err != null ? reject(err) : resolve(data);
    });
  });
};
