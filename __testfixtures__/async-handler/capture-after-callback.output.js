const metrics = require('./metrics');

exports.handler = async (event, context) => {
  const started = Date.now();
  const response = { id: event.id, status: 'accepted' };
  metrics.record('accept', Date.now() - started);
  console.log('accepted', event.id);
  return response;
};
