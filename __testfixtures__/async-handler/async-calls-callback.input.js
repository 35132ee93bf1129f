const { work } = require('./work');

exports.handler = async (event, context, callback) => {
  const result = await work(event);
  callback(null, result);
};
