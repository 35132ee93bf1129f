// lmi-migrate-ignore-next-line callback-handler
exports.handler = (event, context, callback) => {
  callback(null, 'ok');
};
