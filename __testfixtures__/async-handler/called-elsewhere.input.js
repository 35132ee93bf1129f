function handler(event, context, callback) {
  callback(null, { ok: true });
}

exports.handler = handler;
exports.selfTest = () => handler({}, {}, (err, res) => console.log(err, res));
