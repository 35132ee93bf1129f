const fs = require('fs');
const path = require('path');

exports.handler = async (event) => {
  const file = path.join(process.env.DATA_DIR, `${event.id}.json`);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  doc.seen = (doc.seen ?? 0) + 1;
  fs.writeFileSync(file, JSON.stringify(doc));
  return doc;
};
