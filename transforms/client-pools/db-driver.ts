// What differs between the SQL drivers the pool rewrite supports. The plan and the rewrite are
// shared; a driver says how a single connection is made and what its pooled form looks like.
import type { CallExpression, Node } from '@babel/types';
import { unwrapExpression } from '../analysis/ast';
import { resolveImportedPath, type ImportedBinding } from './imported-bindings';

export interface DbDriver {
  /** for messages: 'pg', 'mysql2' */
  label: string;
  /** the construction of a single connection, with the callee as written */
  connection(node: Node, imports: Map<string, ImportedBinding>): { source: string; display: string; callee: Node } | null;
  /** calls that run SQL, first argument = text (or `{ text | sql }`) */
  queryMethods: Set<string>;
  /** transaction-control methods (`beginTransaction`) */
  transactionMethods: Set<string>;
  /** methods that change session state */
  sessionMethods: Map<string, string>;
  /** methods the pool has too and that touch no connection state */
  harmlessMethods: Set<string>;
  /** connection methods that close it */
  endMethods: Set<string>;
  /** the connection constructor is awaited (`await mysql.createConnection()`) */
  awaited: boolean;
  /** pool method that checks a connection out, and the method that gives it back */
  checkout: string;
  checkin: string;
  /** the pool factory next to the connection factory: `Pool` (new) / `createPool` (call) */
  poolExport: string;
  poolIsClass: boolean;
}

export const PG: DbDriver = {
  label: 'pg',
  connection(node, imports) {
    if (node.type !== 'NewExpression') return null;
    const t = resolveImportedPath(node.callee, imports);
    return t && t.source === 'pg' && t.path === 'Client' ? { source: 'pg', display: 'Client', callee: node.callee } : null;
  },
  queryMethods: new Set(['query']),
  transactionMethods: new Set(),
  harmlessMethods: new Set(),
  sessionMethods: new Map([['copyFrom', 'COPY streams over one connection'], ['copyTo', 'COPY streams over one connection']]),
  endMethods: new Set(['end']),
  awaited: false,
  checkout: 'connect',
  checkin: 'release',
  poolExport: 'Pool',
  poolIsClass: true,
};

export const MYSQL: DbDriver = {
  label: 'mysql',
  connection(node, imports) {
    const n = unwrapExpression(node);
    if (n?.type !== 'CallExpression') return null;
    const t = resolveImportedPath((n as CallExpression).callee, imports);
    if (!t || !/^(mysql|mysql2|mysql2\/promise)$/.test(t.source) || t.path !== 'createConnection') return null;
    return { source: t.source, display: 'createConnection', callee: n.callee };
  },
  queryMethods: new Set(['query', 'execute']),
  transactionMethods: new Set(['beginTransaction', 'commit', 'rollback']),
  harmlessMethods: new Set(['escape', 'escapeId', 'format']),
  sessionMethods: new Map([['changeUser', 'changeUser switches the session user'], ['prepare', 'prepared statements live in the session'], ['unprepare', 'prepared statements live in the session']]),
  endMethods: new Set(['end', 'destroy']),
  awaited: true,
  checkout: 'getConnection',
  checkin: 'release',
  poolExport: 'createPool',
  poolIsClass: false,
};
