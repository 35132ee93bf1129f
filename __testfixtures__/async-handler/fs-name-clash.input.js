const fs = require('fs');

exports.handler = (event, context, callback) => {
  const data = { path: event.path };
  fs.stat(data.path, (err, stats) => {
    if (err) return callback(err);
    const data = { size: stats.size };
    callback(null, data);
  });
};
