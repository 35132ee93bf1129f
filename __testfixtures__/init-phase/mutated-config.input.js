const fs = require('fs');

exports.handler = async (event) => {
  const config = JSON.parse(fs.readFileSync('./config.json', 'utf8'));
  // the handler changes its copy, so one shared copy would leak between requests
  config.requestId = event.id;
  return config;
};
