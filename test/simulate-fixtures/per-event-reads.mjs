// Per-request reads that are not repeated work: a URL built from the event (requests with different
// events but the same `file` fetch the same URL: it holds an event value, so it may depend on the
// request), and a /tmp file each request writes and reads back (scratch, not the read-only package).
import { readFile, writeFile } from 'node:fs/promises';

globalThis.fetch = async (url) => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { json: async () => ({ url }) };
};

export const handler = async (event, context) => {
  const doc = await (await fetch(`https://docs.test/files/${event.file}-doc`)).json();
  await writeFile('/tmp/last-request.txt', context.awsRequestId);
  const own = await readFile('/tmp/last-request.txt', 'utf8');
  return { doc, own: own.length };
};
