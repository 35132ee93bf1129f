// client-pools: the rewritten code is what the rules consider fixed, and it behaves the same
// while creating clients once per module instance instead of once per invocation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { clientPools } from '../transforms/client-pools';
import { CLIENT_POOLS_RULES } from '../transforms/client-pools/rules';

const DIR = join(__dirname, '..', '__testfixtures__', 'client-pools');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

describe('client-pools outputs', () => {
  const outputs = readdirSync(DIR).filter((f) => /\.output\.[cm]?[jt]s$/.test(f));
  for (const out of outputs) {
    it(`${out}: nothing left for the client-pools rules to fix`, () => {
      const path = out.replace('.output.', '.');
      const before = analyseSource(path, read(out.replace('.output.', '.input.')), CLIENT_POOLS_RULES).findings;
      const after = analyseSource(path, read(out), CLIENT_POOLS_RULES).findings;
      expect(after.filter((f) => f.fixable)).toEqual([]);
      expect(after.length).toBeLessThanOrEqual(before.filter((f) => !f.fixable).length);
    });
  }
});

describe('client-pools rules and transform agree', () => {
  const inputs = readdirSync(DIR).filter((f) => /\.input\.[cm]?[jt]s$/.test(f));
  for (const input of inputs) {
    it(`${input}: a fixable finding exactly when the transform rewrites the file`, () => {
      const path = input.replace('.input.', '.');
      const source = read(input);
      const fixable = analyseSource(path, source, CLIENT_POOLS_RULES).findings.filter((f) => f.fixable === 'client-pools');
      expect(transformSource(path, source, [clientPools]).changed).toBe(fixable.length > 0);
    });
  }
});

describe('behaviour: mysql connection → pool', () => {
  it('creates one pool (small, from DB_POOL_MAX) and answers through it', async () => {
    const stats = { connections: 0, pools: [] as unknown[] };
    const mysql = {
      createConnection: () => {
        stats.connections++;
        return { connect() {}, query: (_sql: string, params: string[], cb: (e: null, rows: unknown[]) => void) => setTimeout(() => cb(null, [{ sku: params[0] }]), 1) };
      },
      createPool: (options: unknown) => {
        stats.pools.push(options);
        return { query: (_sql: string, params: string[], cb: (e: null, rows: unknown[]) => void) => setTimeout(() => cb(null, [{ sku: params[0] }]), 1) };
      },
    };
    const { handler } = load('mysql-module-callback.output.js', { mysql }, { DB_HOST: 'h', DB_USER: 'u', DB_PASSWORD: 'p' });
    expect(await Promise.all(['a', 'b'].map((sku) => handler({ sku })))).toEqual([{ sku: 'a' }, { sku: 'b' }]);
    expect(stats.connections).toBe(0);
    expect(stats.pools).toEqual([{ host: 'h', user: 'u', password: 'p', database: 'shop', connectionLimit: 2, waitForConnections: true }]);
  });
});

/** Loads a CommonJS fixture with fake modules in place of the real drivers. */
function load(file: string, modules: Record<string, unknown>, env: Record<string, string> = {}) {
  const module = { exports: {} as Record<string, (...args: unknown[]) => Promise<unknown>> };
  const fakeRequire = (id: string) => {
    if (!(id in modules)) throw new Error(`unexpected require(${id})`);
    return modules[id];
  };
  const fakeProcess = { env: { ...env }, on: () => fakeProcess };
  new Function('require', 'module', 'exports', 'process', read(file))(fakeRequire, module, module.exports, fakeProcess);
  return module.exports;
}

describe('behaviour: AWS SDK client hoisted', () => {
  function fakeS3() {
    const stats = { constructed: 0, sent: 0 };
    class S3Client {
      constructor(readonly config: unknown) {
        stats.constructed++;
      }
      async send(cmd: { input: { Key: string } }) {
        stats.sent++;
        return { ContentLength: cmd.input.Key.length };
      }
    }
    class GetObjectCommand {
      constructor(readonly input: { Key: string }) {}
    }
    return { stats, module: { S3Client, GetObjectCommand } };
  }

  it('constructs the client once per module instance and returns the same responses', async () => {
    const results: Record<string, { constructed: number; responses: unknown[] }> = {};
    for (const file of ['sdk-v3-handler-local.input.js', 'sdk-v3-handler-local.output.js']) {
      const s3 = fakeS3();
      const { handler } = load(file, { '@aws-sdk/client-s3': s3.module }, { AWS_REGION: 'eu-west-1', BUCKET: 'b' });
      const responses = await Promise.all(['a', 'bb', 'ccc', 'dddd'].map((key) => handler({ key })));
      results[file] = { constructed: s3.stats.constructed, responses };
    }
    expect(results['sdk-v3-handler-local.input.js'].constructed).toBe(4);
    expect(results['sdk-v3-handler-local.output.js'].constructed).toBe(1);
    expect(results['sdk-v3-handler-local.output.js'].responses).toEqual(results['sdk-v3-handler-local.input.js'].responses);
  });
});

describe('behaviour: pg Client → Pool', () => {
  /** A fake pg: each connection logs its queries; one shared Client interleaves concurrent transactions. */
  function fakePg() {
    const log: Array<{ conn: number; sql: string }> = [];
    const stats = { pools: 0, connections: 0, released: 0, poolOptions: [] as unknown[] };
    let next = 0;
    const tick = () => new Promise((r) => setTimeout(r, 1));
    class Connection {
      id = ++next;
      async query(sql: string) {
        await tick();
        log.push({ conn: this.id, sql });
        return { rows: [{ balance: 10 }] };
      }
      release() {
        stats.released++;
      }
    }
    class Client extends Connection {
      constructor() {
        super();
        stats.connections++;
      }
      async connect() {}
      async end() {}
    }
    class Pool {
      constructor(options: unknown) {
        stats.pools++;
        stats.poolOptions.push(options);
      }
      async connect() {
        stats.connections++;
        return new Connection();
      }
      async query(sql: string) {
        const c = await this.connect();
        try {
          return await c.query(sql);
        } finally {
          c.release();
        }
      }
    }
    return { log, stats, module: { Client, Pool } };
  }

  /** Each transaction's statements, grouped by the connection they ran on, must read BEGIN … COMMIT. */
  function transactionsAreIsolated(log: Array<{ conn: number; sql: string }>): boolean {
    const byConn = new Map<number, string[]>();
    for (const { conn, sql } of log) byConn.set(conn, [...(byConn.get(conn) ?? []), sql.split(' ')[0]]);
    return [...byConn.values()].every((seq) => seq.join(',').split('BEGIN,UPDATE,UPDATE,COMMIT').join('').replace(/SELECT,?/g, '') === '');
  }

  it('the shared Client interleaves concurrent transactions; the pool gives each its own connection', async () => {
    const input = fakePg();
    const before = load('pg-module-transaction.input.js', { pg: input.module });
    await Promise.all([1, 2, 3].map((i) => before.transferHandler({ amount: i, from: 1, to: 2 })));
    expect(transactionsAreIsolated(input.log)).toBe(false);

    const output = fakePg();
    const after = load('pg-module-transaction.output.js', { pg: output.module }, { DB_POOL_MAX: '3' });
    const results = await Promise.all([1, 2, 3].map((i) => after.transferHandler({ amount: i, from: 1, to: 2 })));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(transactionsAreIsolated(output.log)).toBe(true);
    expect(output.stats.pools).toBe(1);
    expect(output.stats.released).toBe(3);
    expect(output.stats.poolOptions[0]).toMatchObject({ max: 3, idleTimeoutMillis: 30000, connectionTimeoutMillis: 5000 });
    expect(await after.balanceHandler({ id: 1 })).toEqual({ balance: 10 });
  });

  it("a helper module's transaction(work): callers share one Client before; after, each callback gets its own checked-out connection, released even when it throws", async () => {
    const transfer = (amount: number) => async (c: { query(sql: string): Promise<unknown> }) => {
      await c.query(`UPDATE accounts SET balance = balance - ${amount} WHERE id = 1`);
      await c.query(`UPDATE accounts SET balance = balance + ${amount} WHERE id = 2`);
      return amount;
    };
    const input = fakePg();
    const before = load('pg-helper-transaction.input.js', { pg: input.module });
    await Promise.all([1, 2, 3].map((i) => before.transaction(transfer(i))));
    expect(transactionsAreIsolated(input.log)).toBe(false);

    const output = fakePg();
    const after = load('pg-helper-transaction.output.js', { pg: output.module });
    expect(await Promise.all([1, 2, 3].map((i) => after.transaction(transfer(i))))).toEqual([1, 2, 3]);
    expect(transactionsAreIsolated(output.log)).toBe(true);
    expect(output.stats).toMatchObject({ pools: 1, connections: 3, released: 3 });

    const failing = async (c: { query(sql: string): Promise<unknown> }) => {
      await c.query('UPDATE accounts SET balance = 0 WHERE id = 1');
      throw new Error('insufficient funds');
    };
    await expect(after.transaction(failing)).rejects.toThrow('insufficient funds');
    expect(output.log.slice(-3).map((l) => l.sql.split(' ')[0])).toEqual(['BEGIN', 'UPDATE', 'ROLLBACK']);
    expect(output.stats.released).toBe(4);
  });
});

describe('behaviour: MongoClient shared and connected once', () => {
  it('creates and connects one client for many concurrent invocations', async () => {
    const stats = { created: 0, connects: 0, closes: 0 };
    class MongoClient {
      constructor(readonly uri: string) {
        stats.created++;
      }
      async connect() {
        stats.connects++;
        await new Promise((r) => setTimeout(r, 2));
        return this;
      }
      async close() {
        stats.closes++;
      }
      db() {
        return { collection: () => ({ findOne: async (q: { _id: string }) => ({ _id: q._id }) }) };
      }
    }
    const { handler } = load('mongo-per-invocation.output.js', { mongodb: { MongoClient } }, { MONGODB_URI: 'mongodb://x' });
    const docs = await Promise.all(['a', 'b', 'c', 'd'].map((orderId) => handler({ orderId })));
    expect(docs).toEqual([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }, { _id: 'd' }]);
    expect(stats).toEqual({ created: 1, connects: 1, closes: 0 });
  });

  it('retries the connection after a failed attempt', async () => {
    let attempts = 0;
    class MongoClient {
      async connect() {
        attempts++;
        if (attempts === 1) throw new Error('boom');
        return this;
      }
      db() {
        return { collection: () => ({ findOne: async () => ({ ok: 1 }) }) };
      }
    }
    const { handler } = load('mongo-per-invocation.output.js', { mongodb: { MongoClient } });
    await expect(handler({ orderId: 'x' })).rejects.toThrow('boom');
    await expect(handler({ orderId: 'x' })).resolves.toEqual({ ok: 1 });
    expect(attempts).toBe(2);
  });
});
