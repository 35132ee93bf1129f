const { randomUUID } = require('crypto');
const fs = require('fs');

const MODEL_PATH = '/tmp/model.onnx';
const MODEL_URL = process.env.MODEL_URL;

async function loadModel() {
  if (!fs.existsSync(MODEL_PATH)) {
    const res = await fetch(MODEL_URL);
    const partial = `${MODEL_PATH}.${randomUUID()}.tmp`;
    await fs.promises.writeFile(partial, Buffer.from(await res.arrayBuffer()));
    await fs.promises.rename(partial, MODEL_PATH);
  }
  return fs.promises.readFile(MODEL_PATH);
}

exports.handler = async (event) => {
  const model = await loadModel();
  return { modelBytes: model.length, input: event.input };
};
