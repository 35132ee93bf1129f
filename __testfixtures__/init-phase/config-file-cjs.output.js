const fs = require('fs');
const path = require('path');

const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8'));

module.exports.handler = async (event) => {
  const greeting = config.greetings[event.lang] ?? config.greetings.en;
  return { statusCode: 200, body: greeting };
};
