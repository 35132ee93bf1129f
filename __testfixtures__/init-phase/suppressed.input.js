const fs = require('fs');

exports.handler = async (event) => {
  // re-read on purpose: an operator edits the file in a mounted layer
  // lmi-migrate-ignore-next-line heavy-work-in-handler blocking-sync-io
  const config = JSON.parse(fs.readFileSync('/opt/config.json', 'utf8'));
  return { value: config[event.key] };
};
