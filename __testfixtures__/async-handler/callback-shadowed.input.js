exports.handler = (event, context, callback) => {
  run(event, function (err, opts) {
    const { callback } = opts;
    callback(null, 1);
  });
};
