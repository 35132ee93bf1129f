// A callback-style handler: the LMI / Node.js 24 runtime refuses it at init.
exports.handler = (event, context, callback) => {
  callback(null, { id: event.id });
};
