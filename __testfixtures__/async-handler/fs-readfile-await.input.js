const fs = require('fs');

exports.handler = function (event, context, callback) {
  fs.readFile('/var/task/config.json', 'utf8', (err, data) => {
    if (err) return callback(err);
    const config = JSON.parse(data);
    callback(null, { region: config.region });
  });
};
