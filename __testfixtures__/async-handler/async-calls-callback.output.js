const { work } = require('./work');

exports.handler = async (event, context) => {
  const result = await work(event);
  return result;
};
