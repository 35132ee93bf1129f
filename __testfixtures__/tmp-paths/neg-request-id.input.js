const fs = require('fs');
const path = require('path');
const os = require('os');

exports.handler = async (event, context) => {
  const file = path.join(os.tmpdir(), `upload-${context.awsRequestId}.bin`);
  try {
    await fs.promises.writeFile(file, Buffer.from(event.body, 'base64'));
    const { size } = await fs.promises.stat(file);
    return { size };
  } finally {
    await fs.promises.unlink(file);
  }
};
