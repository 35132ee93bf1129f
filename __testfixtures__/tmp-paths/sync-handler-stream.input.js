const fs = require('fs');

exports.handler = (event) => {
  const out = fs.createWriteStream('/tmp/events.log');
  for (const record of event.Records) out.write(`${record.messageId}\n`);
  out.end();
  return { size: fs.statSync('/tmp/events.log').size };
};
