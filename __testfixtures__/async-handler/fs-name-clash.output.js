const fs = require('fs');

exports.handler = async (event, context) => {
  const data = { path: event.path };

  return new Promise((resolve, reject) => {
    fs.stat(data.path, (err, stats) => {
      if (err) return reject(err);
      const data = { size: stats.size };
      resolve(data);
    });
  });
};
