module.exports.handler = function (event, context, callback) {
  switch (event.action) {
    case 'ping':
      callback(null, 'pong');
      break;
    default:
      callback(new Error(`unknown action ${event.action}`));
  }
};
