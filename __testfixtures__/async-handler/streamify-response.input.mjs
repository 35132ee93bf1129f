import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  await pipeline(Readable.from(['hello ', 'world']), responseStream);
});
