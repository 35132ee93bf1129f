// Clients that are connection pools (or multiplexed connections) already and so should exist
// once per worker: MongoDB's MongoClient, node-redis `createClient`, ioredis `new Redis`.
import type { CallExpression, Node } from '@babel/types';
import { staticString, unwrapExpression } from '../analysis/ast';
import { resolveImportedPath, type ImportedBinding } from './imported-bindings';

export interface Recognised {
  /** `MongoClient.connect(uri)`: creates and connects in one call */
  staticConnect: boolean;
  /** the class (for `new X(args)` when hoisting a static connect) */
  classNode: Node;
}

export interface SharedClientFamily {
  rule: string;
  /** for messages: 'MongoClient', 'Redis client' */
  label: string;
  recognise(node: Node, imports: Map<string, ImportedBinding>): Recognised | null;
  /** methods that close the client (removed: the worker's other requests still use it) */
  closeMethods: Set<string>;
  /** why calling this method on a shared client is wrong, or null when it is fine */
  unsafeCall(method: string, call: CallExpression): string | null;
  /** default local name when the code had none */
  defaultName: string;
  hint: string;
}

export const MONGO: SharedClientFamily = {
  rule: 'mongo-client-misuse',
  label: 'MongoClient',
  recognise(node, imports) {
    if (node.type === 'NewExpression') {
      const t = resolveImportedPath(node.callee, imports);
      return t?.source === 'mongodb' && t.path === 'MongoClient' ? { staticConnect: false, classNode: node.callee } : null;
    }
    if (node.type === 'CallExpression') {
      const callee = unwrapExpression(node.callee);
      if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'connect') return null;
      const t = resolveImportedPath(callee.object, imports);
      return t?.source === 'mongodb' && t.path === 'MongoClient' ? { staticConnect: true, classNode: callee.object } : null;
    }
    return null;
  },
  closeMethods: new Set(['close']),
  unsafeCall: () => null,
  defaultName: 'mongoClient',
  hint: 'One MongoClient per worker (it is a pool); connect once through a memoized promise that resets on failure.',
};

const BLOCKING = new Map<string, string>([
  ...['blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop'].map((m) => [m, 'blocking commands hold the connection'] as [string, string]),
  ...['subscribe', 'psubscribe', 'ssubscribe', 'monitor'].map((m) => [m, 'a subscribed connection can run nothing else'] as [string, string]),
  ['watch', 'WATCH state belongs to the connection, so concurrent requests would share it'],
  ['unwatch', 'WATCH state belongs to the connection, so concurrent requests would share it'],
  ['select', 'SELECT switches the database for every request on the connection'],
]);

function blockingRead(call: CallExpression): boolean {
  let found = false;
  const look = (n: Node) => {
    const u = unwrapExpression(n);
    if (!u) return;
    if (staticString(u)?.toUpperCase() === 'BLOCK') found = true;
    if (u.type === 'ObjectExpression') {
      for (const p of u.properties) if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'BLOCK') found = true;
    }
    if (u.type === 'ArrayExpression') u.elements.forEach((e) => e && look(e));
  };
  call.arguments.forEach((a) => look(a));
  return found;
}

export const REDIS: SharedClientFamily = {
  rule: 'redis-shared-stateful',
  label: 'Redis client',
  recognise(node, imports) {
    if (node.type === 'CallExpression') {
      const t = resolveImportedPath(node.callee, imports);
      return t && (t.source === 'redis' || t.source === '@redis/client') && t.path === 'createClient' ? { staticConnect: false, classNode: node.callee } : null;
    }
    if (node.type === 'NewExpression') {
      const t = resolveImportedPath(node.callee, imports);
      return t?.source === 'ioredis' && (t.path === '' || t.path === 'Redis' || t.path === 'default') ? { staticConnect: false, classNode: node.callee } : null;
    }
    return null;
  },
  closeMethods: new Set(['quit', 'disconnect', 'close', 'destroy']),
  unsafeCall(method, call) {
    const m = method.toLowerCase();
    if (BLOCKING.has(m)) return BLOCKING.get(m)!;
    if ((m === 'xread' || m === 'xreadgroup') && blockingRead(call)) return 'blocking reads hold the connection';
    if (m === 'sendcommand') {
      const first = unwrapExpression(call.arguments[0]);
      const cmd = first?.type === 'ArrayExpression' && first.elements[0] ? staticString(first.elements[0])?.toLowerCase() : null;
      if (cmd && BLOCKING.has(cmd)) return BLOCKING.get(cmd)!;
    }
    return null;
  },
  defaultName: 'redisClient',
  hint: 'Use one shared client for ordinary commands (and `multi()`); give blocking, SUBSCRIBE, WATCH and SELECT work its own connection with `client.duplicate()` or a small pool.',
};
