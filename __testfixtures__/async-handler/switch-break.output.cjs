module.exports.handler = async function(event, context) {
  switch (event.action) {
    case 'ping':
      return 'pong';
    default:
      throw new Error(`unknown action ${event.action}`);
  }
};
