// Behaviour of every positive init-phase fixture: the input and the expected output handler run
// on the same events (with fake SDKs, a fake fetch and counting fs/crypto/zlib), give the same
// responses, and the output does the expensive call once per module instance (or, for blocking
// I/O, never calls the *Sync API).
//
// Each run writes the module and its fakes to a fresh temp dir and loads it with Node's own
// loaders (require / import()), so every run is a new module instance. TypeScript fixtures are
// compiled with esbuild: `.ts` to CommonJS (what the ready-promise form is for), `.mts` to ESM.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { transformSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const FIXTURES = join(__dirname, '..', '__testfixtures__', 'init-phase');
const calls: Record<string, number> = {};
(globalThis as Record<string, unknown>).__initPhaseCalls = calls;
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);

const CONFIG = JSON.stringify({ greetings: { en: 'hello', fr: 'bonjour' } });

/** Fake packages in <tmp>/node_modules; CommonJS with static `exports.x =` so ESM named imports work too. */
const PACKAGES: Record<string, string> = {
  '@aws-sdk/client-secrets-manager': `
    const calls = globalThis.__initPhaseCalls;
    class GetSecretValueCommand { constructor(input) { this.input = input; } }
    class SecretsManagerClient {
      async send(cmd) {
        calls.GetSecretValue = (calls.GetSecretValue ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 5));
        if (globalThis.__initPhaseFailures > 0) {
          globalThis.__initPhaseFailures--;
          throw new Error('secrets unavailable');
        }
        return { SecretString: JSON.stringify({ apiKey: 'key-for-' + cmd.input.SecretId, username: 'admin', key: 'k' }) };
      }
    }
    exports.GetSecretValueCommand = GetSecretValueCommand;
    // failure injection: the next N sends reject
    exports.failNext = (n) => { globalThis.__initPhaseFailures = n; };
    exports.SecretsManagerClient = SecretsManagerClient;`,
  '@aws-sdk/client-ssm': `
    const calls = globalThis.__initPhaseCalls;
    class GetParameterCommand { constructor(input) { this.input = input; } }
    class SSMClient {
      async send(cmd) {
        calls.GetParameter = (calls.GetParameter ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 5));
        return { Parameter: { Value: 'table:' + cmd.input.Name } };
      }
    }
    exports.GetParameterCommand = GetParameterCommand;
    exports.SSMClient = SSMClient;`,
  'aws-sdk': `
    const calls = globalThis.__initPhaseCalls;
    class SecretsManager {
      getSecretValue(params) {
        return {
          promise: async () => {
            calls.getSecretValue = (calls.getSecretValue ?? 0) + 1;
            await new Promise((r) => setTimeout(r, 5));
            return { SecretString: JSON.stringify({ token: 'tok-' + params.SecretId }) };
          },
        };
      }
    }
    exports.SecretsManager = SecretsManager;`,
  'onnxruntime-node': `
    const calls = globalThis.__initPhaseCalls;
    exports.InferenceSession = {
      create: async (path) => {
        calls.modelLoad = (calls.modelLoad ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 5));
        return { run: async (feeds) => ({ score: feeds.input.reduce((a, b) => a + b, 0) / 10 }) };
      },
    };`,
  'number-formatter': `
    globalThis.__initPhaseCalls.formatterLoaded = (globalThis.__initPhaseCalls.formatterLoaded ?? 0) + 1;
    exports.format = (n) => n.toFixed(2);`,
  ajv: `
    const calls = globalThis.__initPhaseCalls;
    class Ajv {
      compile(schema) {
        calls.ajvCompile = (calls.ajvCompile ?? 0) + 1;
        const validate = (data) => {
          const missing = schema.required.filter((k) => !(k in data));
          validate.errors = missing.length ? missing.map((k) => ({ message: 'must have ' + k })) : null;
          return !validate.errors;
        };
        return validate;
      }
    }
    module.exports = Ajv;
    module.exports.default = Ajv;`,
  handlebars: `
    const calls = globalThis.__initPhaseCalls;
    exports.compile = (tpl) => {
      calls.hbsCompile = (calls.hbsCompile ?? 0) + 1;
      return (ctx) => tpl.replace(/{{(\\w+)}}/g, (_, k) => String(ctx[k] ?? ''));
    };`,
  marked: `
    globalThis.__initPhaseCalls.markedLoaded = (globalThis.__initPhaseCalls.markedLoaded ?? 0) + 1;
    exports.marked = { parse: (s) => '<p>' + s + '</p>' };`,
};

/** Fake local modules next to the handler. */
const LOCAL_FILES: Record<string, string> = {
  'db.js': `
    const calls = globalThis.__initPhaseCalls;
    exports.connect = async (url) => {
      calls.connect = (calls.connect ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 5));
      if (globalThis.__initPhaseFailures > 0) {
        globalThis.__initPhaseFailures--;
        throw new Error('db unavailable');
      }
      return { query: async (sql, params) => params.map((p) => ({ id: p, url })) };
    };`,
  'search-client.mjs': `
    const calls = globalThis.__initPhaseCalls;
    export function createClient(opts) {
      calls.createClient = (calls.createClient ?? 0) + 1;
      return { ping: () => new Promise((r) => setTimeout(r, 5)), find: async (q) => ({ q, node: opts.node }) };
    }`,
  'store.js': `
    const calls = globalThis.__initPhaseCalls;
    exports.openStore = async (name) => {
      calls.openStore = (calls.openStore ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 5));
      return { get: async (key) => name + '/' + key };
    };`,
  'config.json': CONFIG,
  'order.schema.json': JSON.stringify({ required: ['id', 'qty'] }),
};

interface Spec {
  name: string;
  ext: string;
  events: unknown[];
  /** the expensive call: counted in input and output */
  counter: string;
  input: number;
  output: number;
  /** loaded at init: the count right after the module loads, before any invocation */
  atInit?: { input: number; output: number };
}

const five = <T>(f: (i: number) => T): T[] => [0, 1, 2, 3, 4].map(f);

const SPECS: Spec[] = [
  { name: 'secret-per-invocation-cjs', ext: 'js', events: five((i) => ({ user: `u${i}` })), counter: 'GetSecretValue', input: 5, output: 1 },
  { name: 'secret-per-invocation-esm', ext: 'mjs', events: five((i) => ({ path: `/p${i}` })), counter: 'GetSecretValue', input: 5, output: 1 },
  {
    name: 'secret-sdk-v2', ext: 'cjs', events: five((i) => ({ headers: { 'x-token': i % 2 ? 'tok-webhook' : 'wrong' } })),
    counter: 'getSecretValue', input: 5, output: 1,
  },
  { name: 'parameter-per-invocation-ts', ext: 'ts', events: five((i) => ({ orderId: `o${i}` })), counter: 'GetParameter', input: 5, output: 1 },
  { name: 'config-file-cjs', ext: 'js', events: five((i) => ({ lang: i % 2 ? 'fr' : 'de' })), counter: 'readFileSync:config.json', input: 5, output: 1 },
  { name: 'config-file-esm', ext: 'mjs', events: five((i) => ({ lang: i % 2 ? 'fr' : 'de' })), counter: 'readFile:config.json', input: 5, output: 1 },
  {
    name: 'config-file-ts', ext: 'mts', events: five((i) => ({ queryStringParameters: i % 2 ? { lang: 'fr' } : null })),
    counter: 'readFileSync:config.json', input: 5, output: 1,
  },
  {
    name: 'model-and-import-ts', ext: 'mts', events: five((i) => ({ pixels: [i, i + 1, i + 2] })), counter: 'modelLoad', input: 5, output: 1,
  },
  { name: 'mutated-config', ext: 'js', events: five((i) => ({ id: i })), counter: 'readFileSync:config.json', input: 5, output: 0 },
  { name: 'fetch-fixed-url', ext: 'mjs', events: five((i) => ({ feature: i % 2 ? 'beta' : 'gamma' })), counter: 'fetch', input: 5, output: 1 },
  {
    name: 'require-in-handler', ext: 'js', events: five((i) => ({ markdown: `m${i}` })), counter: 'markedLoaded', input: 1, output: 1,
    atInit: { input: 0, output: 1 },
  },
  {
    name: 'ajv-validator-esm', ext: 'mjs', events: five((i) => (i % 2 ? { id: i, qty: 1 } : { id: i })),
    counter: 'ajvCompile', input: 5, output: 1,
  },
  { name: 'template-cjs', ext: 'js', events: five((i) => ({ title: `t${i}`, body: `b${i}` })), counter: 'hbsCompile', input: 5, output: 1 },
  // concurrent first requests: the input connects once per racing request
  { name: 'lazy-db-race-cjs', ext: 'js', events: five((i) => ({ id: i })), counter: 'connect', input: 3, output: 1 },
  { name: 'lazy-client-helper-esm', ext: 'mjs', events: five((i) => ({ q: `q${i}` })), counter: 'createClient', input: 3, output: 1 },
  { name: 'lazy-secret', ext: 'mjs', events: five((i) => ({ id: i })), counter: 'GetSecretValue', input: 3, output: 1 },
  { name: 'lazy-init-typed', ext: 'ts', events: five((i) => ({ key: `k${i}` })), counter: 'openStore', input: 3, output: 1 },
  // blocking I/O: the output never calls the *Sync API
  {
    name: 'blocking-crypto-zlib-cjs', ext: 'js', events: five((i) => ({ password: `pw${i}`, salt: 'abcd' })),
    counter: 'pbkdf2Sync', input: 5, output: 0,
  },
  { name: 'blocking-fs-esm', ext: 'mjs', events: five((i) => ({ id: i % 3 })), counter: 'readdirSync', input: 5, output: 0 },
  {
    name: 'blocking-zlib-ts', ext: 'ts', events: five((i) => ({ payload: zlib.gzipSync(`text ${i}`).toString('base64') })),
    counter: 'gunzipSync', input: 5, output: 0,
  },
];

// ---- counting wrappers around builtins (restored after each test) ----

const originals: Array<[Record<string, unknown>, string, unknown]> = [];
function wrap(obj: Record<string, unknown>, name: string, make: (orig: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown) {
  const orig = obj[name] as (...a: unknown[]) => unknown;
  originals.push([obj, name, orig]);
  obj[name] = make(orig);
}

function pathKey(p: unknown): string | null {
  if (typeof p === 'string') return basename(p);
  if (p instanceof URL) return basename(p.pathname);
  return null;
}

/** config.json is served from memory wherever it is looked up (the fixtures use paths relative to the module or the cwd). */
function installSpies(): void {
  const fsObj = fs as unknown as Record<string, unknown>;
  wrap(fsObj, 'readFileSync', (orig) => (p, opts) => {
    const key = pathKey(p);
    if (key === 'config.json' || /^\d+\.json$/.test(key ?? '')) count(`readFileSync:${key}`);
    if (key === 'config.json') return typeof opts === 'string' || (opts as { encoding?: string })?.encoding ? CONFIG : Buffer.from(CONFIG);
    return orig(p, opts);
  });
  wrap(fs.promises as unknown as Record<string, unknown>, 'readFile', (orig) => async (p, opts) => {
    const key = pathKey(p);
    if (key) count(`readFile:${key}`);
    if (key === 'config.json') return typeof opts === 'string' || (opts as { encoding?: string })?.encoding ? CONFIG : Buffer.from(CONFIG);
    return orig(p, opts);
  });
  wrap(fsObj, 'readdirSync', (orig) => (...a) => (count('readdirSync'), orig(...a)));
  wrap(crypto as unknown as Record<string, unknown>, 'pbkdf2Sync', (orig) => (...a) => (count('pbkdf2Sync'), orig(...a)));
  wrap(zlib as unknown as Record<string, unknown>, 'gunzipSync', (orig) => (...a) => (count('gunzipSync'), orig(...a)));
  wrap(globalThis as unknown as Record<string, unknown>, 'fetch', () => async (url) => {
    count('fetch');
    await new Promise((r) => setTimeout(r, 5));
    return { json: async () => ({ beta: true, source: String(url) }) };
  });
  syncBuiltinESMExports();
}

function restoreSpies(): void {
  for (const [obj, name, orig] of originals.reverse()) obj[name] = orig;
  originals.length = 0;
  syncBuiltinESMExports();
}

// ---- loading a fresh module instance ----

/** Node's own import(), from a CommonJS file Node loads itself (the test runner's import() would transform the module). */
function nativeImport(dir: string, url: string): Promise<Record<string, unknown>> {
  const loader = join(dir, 'native-import.cjs');
  fs.writeFileSync(loader, 'module.exports = (url) => import(url);');
  return (createRequire(loader)(loader) as (u: string) => Promise<Record<string, unknown>>)(url);
}

async function loadHandler(source: string, ext: string, dataDir = tmpdir()): Promise<(event: unknown, context: unknown) => Promise<unknown>> {
  const dir = fs.mkdtempSync(join(tmpdir(), 'init-phase-'));
  for (const [pkg, code] of Object.entries(PACKAGES)) {
    fs.mkdirSync(join(dir, 'node_modules', pkg), { recursive: true });
    fs.writeFileSync(join(dir, 'node_modules', pkg, 'index.js'), code);
  }
  for (const [file, code] of Object.entries(LOCAL_FILES)) fs.writeFileSync(join(dir, file), code);
  let file = `handler.${ext}`;
  let code = source;
  if (ext === 'ts') {
    code = transformSync(source, { loader: 'ts', format: 'cjs' }).code;
    file = 'handler.js';
  } else if (ext === 'mts') {
    code = transformSync(source, { loader: 'ts', format: 'esm' }).code;
    file = 'handler.mjs';
  }
  const path = join(dir, file);
  fs.writeFileSync(path, code);
  process.env.DATA_DIR = dataDir;
  const mod = file.endsWith('.mjs') ? await nativeImport(dir, pathToFileURL(path).href) : createRequire(path)(path);
  return (mod as { handler: (event: unknown, context: unknown) => Promise<unknown> }).handler;
}

async function run(source: string, spec: Spec) {
  for (const k of Object.keys(calls)) delete calls[k];
  const dataDir = fs.mkdtempSync(join(tmpdir(), 'init-phase-data-'));
  for (const id of [0, 1]) fs.writeFileSync(join(dataDir, `${id}.json`), JSON.stringify({ id, name: `doc ${id}` }));
  const handler = await loadHandler(source, spec.ext, dataDir);
  // let init work started at load (the ready promise) settle, as a real init would
  await new Promise((r) => setTimeout(r, 20));
  const atInit = calls[spec.counter] ?? 0;
  const context = { awsRequestId: 'req' };
  // three concurrent first requests, then two one after the other
  const first = await Promise.all(spec.events.slice(0, 3).map((e) => handler(e, context)));
  const rest: unknown[] = [];
  for (const e of spec.events.slice(3)) rest.push(await handler(e, context));
  return { responses: [...first, ...rest], count: calls[spec.counter] ?? 0, atInit };
}

describe('init-phase behaviour: input and output handlers agree', () => {
  beforeEach(() => {
    process.env.API_KEY_SECRET = 'api-key';
    process.env.DB_SECRET_ARN = 'db-secret';
    process.env.DB_URL = 'postgres://db';
    process.env.SEARCH_URL = 'http://search';
    process.env.STORE_NAME = 'store';
    process.env.WEBHOOK_SECRET_ID = 'webhook';
    process.env.NOTIFY_SECRET_ID = 'notify';
    installSpies();
  });
  afterEach(() => restoreSpies());

  for (const spec of SPECS) {
    it(`${spec.name}.${spec.ext}`, async () => {
      const input = fs.readFileSync(join(FIXTURES, `${spec.name}.input.${spec.ext}`), 'utf8');
      const output = fs.readFileSync(join(FIXTURES, `${spec.name}.output.${spec.ext}`), 'utf8');
      const before = await run(input, spec);
      const after = await run(output, spec);
      expect(after.responses).toEqual(before.responses);
      expect(before.count).toBe(spec.input);
      expect(after.count).toBe(spec.output);
      if (spec.atInit) {
        expect(before.atInit).toBe(spec.atInit.input);
        expect(after.atInit).toBe(spec.atInit.output);
      }
    });
  }

  it('covers every fixture that has an expected output', () => {
    const positives = fs.readdirSync(FIXTURES).filter((f) => /\.output\./.test(f)).map((f) => f.replace(/\.output\..*$/, ''));
    expect(SPECS.map((s) => s.name).sort()).toEqual(positives.sort());
  });
});

describe('init-phase behaviour: a failed init is retried, never an unhandled rejection', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    for (const k of Object.keys(calls)) delete calls[k];
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    process.env.API_KEY_SECRET = 'api-key';
    process.env.DB_URL = 'postgres://db';
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    (globalThis as Record<string, unknown>).__initPhaseFailures = 0;
  });

  it('ready promise (CommonJS): init failure surfaces in the next invocation, which retries', async () => {
    (globalThis as Record<string, unknown>).__initPhaseFailures = 2;
    const output = fs.readFileSync(join(FIXTURES, 'secret-per-invocation-cjs.output.js'), 'utf8');
    const handler = await loadHandler(output, 'js');
    await new Promise((r) => setTimeout(r, 30));
    // the load-time attempt failed quietly
    expect(calls.GetSecretValue).toBe(1);
    expect(unhandled).toEqual([]);
    // the first invocation retries, fails again and reports it like the input would
    await expect(handler({ user: 'a' }, {})).rejects.toThrow('secrets unavailable');
    // the next one retries once more and succeeds; after that the value is reused
    const ok = await handler({ user: 'b' }, {});
    await handler({ user: 'c' }, {});
    expect(ok).toEqual({ statusCode: 200, body: JSON.stringify({ user: 'b', keyLength: 'key-for-api-key'.length }) });
    expect(calls.GetSecretValue).toBe(3);
    await new Promise((r) => setTimeout(r, 10));
    expect(unhandled).toEqual([]);
  });

  it('memoized lazy init: concurrent requests share one failed attempt, the next request retries', async () => {
    (globalThis as Record<string, unknown>).__initPhaseFailures = 1;
    const output = fs.readFileSync(join(FIXTURES, 'lazy-db-race-cjs.output.js'), 'utf8');
    const handler = await loadHandler(output, 'js');
    const first = await Promise.allSettled([handler({ id: 1 }, {}), handler({ id: 2 }, {})]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls.connect).toBe(1);
    expect(await handler({ id: 3 }, {})).toEqual({ count: 1 });
    expect(await handler({ id: 4 }, {})).toEqual({ count: 1 });
    expect(calls.connect).toBe(2);
    expect(unhandled).toEqual([]);
  });
});
