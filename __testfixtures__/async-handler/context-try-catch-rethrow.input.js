const { lookup } = require('./lookup');

exports.handler = async (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  try {
    const item = await lookup(event);
    context.succeed({ statusCode: 200, body: JSON.stringify(item) });
  } catch (err) {
    context.fail(err);
  }
};
