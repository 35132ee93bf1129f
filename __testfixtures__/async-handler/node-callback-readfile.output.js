const fs = require('fs');

exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    fs.readFile('/var/task/config.json', 'utf8', (err, data) => {
      if (err) return reject(err);
      const config = JSON.parse(data);
      resolve({ region: config.region });
    });
  });
};
