// The body of one simulated LMI worker thread: install the runtime's environment (awslambda
// global, /tmp redirect, client counting), import the setup module then the handler (init,
// once), then run the invocations it is sent, up to `concurrency` at a time.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvocationRecord, InvocationRequest, MainToWorker, WorkerConfig, WorkerToMain } from '../protocol';
import { countCalls } from './count-calls';
import { countClientConstructions } from './count-clients';
import { now } from './current-invocation';
import { invoke } from './invoke';
import { findHandler, importModule, InitFailure, type Handler } from './load-handler';
import { calls } from './record-calls';
import { installAwsLambdaGlobal } from './runtime-global';
import { trackInvocationWork } from './settle';
import { redirectTmp } from './tmp-redirect';
import { onFatalException } from './uncaught';
import { connectionUses } from './watch-instances';

const config = workerData as WorkerConfig;
const port = parentPort!;
const send = (message: WorkerToMain) => port.postMessage(message);

async function init(): Promise<{ handler: Handler; done: () => WorkerToMain } | undefined> {
  Object.assign(process.env, config.env);
  // Lambda's task root; worker threads cannot chdir, and path.resolve() reads process.cwd()
  process.cwd = () => config.cwd;
  installAwsLambdaGlobal();
  const clients = countClientConstructions();
  const tmp = redirectTmp(config.sandbox, config.keepPaths, config.cwd);
  // after the redirect: the recorded arguments are the user's paths
  countCalls(tmp.isScratch);
  const done = (): WorkerToMain => ({ type: 'done', clients, calls, connections: connectionUses, writes: tmp.writes, tempDirs: tmp.tempDirs });
  try {
    if (config.setupFile) await importModule(config.setupFile, 'setup');
    const started = now();
    const namespace = await importModule(config.handlerFile, 'load');
    const handler = findHandler(namespace, config.exportName);
    send({ type: 'ready', initMs: now() - started });
    return { handler, done };
  } catch (e) {
    if (!(e instanceof InitFailure)) throw e;
    const original = e.original as Error | undefined;
    send({ type: 'init-failed', kind: e.kind, errorType: e.errorType, errorMessage: e.message, stack: original?.stack });
    return undefined;
  }
}

async function run(handler: Handler, invocations: InvocationRequest[], concurrency: number): Promise<void> {
  const work = trackInvocationWork();
  let next = 0;
  let started = 0;
  let ended = 0;
  // the same name in the replays of this worker's requests
  const logStreamName = `2026/01/01/[$LATEST]${createHash('md5').update(`${config.functionName}/${config.workerIndex}`).digest('hex')}`;
  const opts = { functionName: config.functionName, timeoutMs: config.timeoutMs, logStreamName };
  const lane = async () => {
    while (next < invocations.length) {
      const request = invocations[next++];
      const id = request.id;
      const startIndex = started++;
      send({ type: 'started', id });
      const startedAt = now();
      const result = await invoke(handler, request, opts, startedAt);
      const record: InvocationRecord = { id, result, startIndex, endIndex: ended++, startedAt, endedAt: now() };
      send({ type: 'result', record });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  // what the invocations left running goes on (LMI never freezes a worker)
  await work.settle();
}

void init().then((ready) => {
  if (!ready) return;
  port.on('message', (message: MainToWorker) => {
    if (message.type !== 'run') return;
    // an uncaught exception ends the worker: first say whose code threw it, and what was seen until then
    onFatalException((error) => {
      send({ type: 'uncaught', ...error });
      send(ready.done());
    });
    void run(ready.handler, message.invocations, message.concurrency).then(() => send(ready.done()));
  });
});
