// A --setup module for a download cache in /tmp (tmp-paths/shared-cache-pipeline): a fake network whose
// schedule follows what the handler does, never how long it takes, so a run under load tears the same way:
// - download 0 (the first fetch) sends its first chunk, then holds the rest until every download requested
//   meanwhile has opened its file for writing (alone, as in a one-at-a-time run, it never waits);
// - a later download answers once download 0's first chunk is on disk (so opening the shared file in
//   place truncates it under download 0's writer), and sends its body once a request has read a file back
//   after download 0 ended (so nothing refills the file before download 0's request reads it).
// Two probes only observe: the write streams the handler creates (opened, a write done) and its reads.
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const { setTimeout: sleep } = require('node:timers/promises');

const CHUNKS = ['apple\nbanana\n', 'cherry\ndate\n', 'elder\nfig\n', 'grape\nlemon'].map((c) => Buffer.from(c));

const signal = () => {
  let fire;
  const promise = new Promise((resolve) => (fire = resolve));
  return { promise, fire };
};
const firstWrite = signal();
const readAfterFirstDownload = signal();
let firstDownloadDone = false;
let opened = 0;
const openWaits = [];
const whenOpened = (n) => (opened >= n ? Promise.resolve() : new Promise((resolve) => openWaits.push({ n, resolve })));

const createWriteStream = fs.createWriteStream;
fs.createWriteStream = function (...args) {
  const stream = createWriteStream.apply(this, args);
  stream.once('open', () => {
    opened++;
    for (const w of openWaits.filter((w) => w.n <= opened)) w.resolve();
  });
  const write = stream.write;
  stream.write = function (chunk, encoding, callback) {
    if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    return write.call(this, chunk, encoding, (err) => {
      firstWrite.fire();
      callback?.(err);
    });
  };
  return stream;
};
const readFile = fs.promises.readFile;
fs.promises.readFile = async function (...args) {
  // the module loader reads files too: only a read that starts after download 0 ended counts
  const counts = firstDownloadDone;
  try {
    return await readFile.apply(this, args);
  } finally {
    if (counts) readAfterFirstDownload.fire();
  }
};
syncBuiltinESMExports();

/** A response whose body sends CHUNKS, each once `beforeChunk(index)` resolves. */
const response = (beforeChunk, onEnd = () => {}) => {
  let next = 0;
  const body = new ReadableStream({
    async pull(controller) {
      if (next === CHUNKS.length) {
        onEnd();
        return controller.close();
      }
      await beforeChunk(next);
      controller.enqueue(new Uint8Array(CHUNKS[next++]));
    },
  });
  return { ok: true, body };
};

let downloads = 0;
globalThis.fetch = async () => {
  if (downloads++ === 0) {
    await sleep(20);
    return response(
      async (chunk) => {
        await sleep(10);
        if (chunk !== 1) return;
        await firstWrite.promise;
        await whenOpened(downloads);
      },
      () => (firstDownloadDone = true),
    );
  }
  await firstWrite.promise;
  return response(async () => {
    await readAfterFirstDownload.promise;
    await sleep(10);
  });
};
