const metrics = require('./metrics');

exports.handler = (event, context, callback) => {
  const started = Date.now();
  callback(null, { id: event.id, status: 'accepted' });
  metrics.record('accept', Date.now() - started);
  console.log('accepted', event.id);
};
