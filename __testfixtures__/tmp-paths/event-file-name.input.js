const { writeFile } = require('fs/promises');
const { execFile } = require('child_process');
const { promisify } = require('util');

const run = promisify(execFile);

exports.handler = async (event) => {
  const source = `/tmp/${event.fileName}`;
  await writeFile(source, Buffer.from(event.content, 'base64'));
  const { stdout } = await run('pdftotext', [source, '-']);
  return { text: stdout };
};
