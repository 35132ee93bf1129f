import * as ort from 'onnxruntime-node';
import { join } from 'node:path';

export const handler = async (event: { pixels: number[] }) => {
  const session = await ort.InferenceSession.create(join(import.meta.dirname, 'model.onnx'));
  const { format } = await import('number-formatter');
  const result = await session.run({ input: event.pixels });
  return { score: format(result.score) };
};
