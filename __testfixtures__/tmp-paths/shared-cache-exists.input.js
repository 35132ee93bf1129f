const fs = require('fs');

const MODEL_PATH = '/tmp/model.onnx';
const MODEL_URL = process.env.MODEL_URL;

async function loadModel() {
  if (!fs.existsSync(MODEL_PATH)) {
    const res = await fetch(MODEL_URL);
    await fs.promises.writeFile(MODEL_PATH, Buffer.from(await res.arrayBuffer()));
  }
  return fs.promises.readFile(MODEL_PATH);
}

exports.handler = async (event) => {
  const model = await loadModel();
  return { modelBytes: model.length, input: event.input };
};
