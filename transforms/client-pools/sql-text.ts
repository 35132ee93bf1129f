// What a SQL statement passed to a driver does to its connection, judged from its static text:
// transaction control, session state (which a pool would leak to other requests), or plain.
import type { Node } from '@babel/types';
import { staticString, unwrapExpression } from '../analysis/ast';

export type SqlKind = { kind: 'plain' } | { kind: 'transaction' } | { kind: 'session'; what: string } | { kind: 'unknown' };

const TRANSACTION = /^(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK|END|ABORT|SAVEPOINT|RELEASE(\s+SAVEPOINT)?)\b/i;
const SESSION: Array<[RegExp, string]> = [
  [/^SET\s+(LOCAL|TRANSACTION)\b/i, ''],
  [/^(SET|RESET)\b/i, 'SET/RESET changes session settings'],
  [/^(LISTEN|UNLISTEN)\b/i, 'LISTEN needs one dedicated connection'],
  [/^COPY\b/i, 'COPY streams over one connection'],
  [/^(PREPARE|DEALLOCATE|EXECUTE)\b/i, 'prepared statements live in the session'],
  [/^DECLARE\b/i, 'cursors live in the session'],
  [/^DISCARD\b/i, 'DISCARD resets session state'],
  [/^USE\b/i, 'USE changes the session database'],
  [/^LOCK\s+TABLES?\b/i, 'LOCK TABLES holds session locks'],
  [/^CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\b/i, 'temporary tables live in the session'],
];
const SESSION_ANYWHERE: Array<[RegExp, string]> = [
  [/pg_advisory_lock|pg_try_advisory_lock|GET_LOCK\s*\(/i, 'session-level locks'],
  [/set_config\s*\(/i, 'set_config changes session settings'],
  [/@@session|SET\s+@/i, 'session variables'],
];

/** The static text at the start of a SQL argument, following local/module constants. */
export function sqlHead(node: Node | null | undefined, resolve: (name: string) => Node | undefined, depth = 0): string | null {
  const n = unwrapExpression(node);
  if (!n || depth > 5) return null;
  const s = staticString(n);
  if (s !== null) return s;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked ?? null;
  if (n.type === 'Identifier') return sqlHead(resolve(n.name), resolve, depth + 1);
  if (n.type === 'BinaryExpression' && n.operator === '+') return sqlHead(n.left, resolve, depth + 1);
  return null;
}

export function classifySql(head: string | null): SqlKind {
  if (head === null) return { kind: 'unknown' };
  const text = head.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  if (!/\w/.test(text)) return { kind: 'unknown' };
  for (const [re, what] of SESSION_ANYWHERE) if (re.test(text)) return { kind: 'session', what };
  if (TRANSACTION.test(text)) return { kind: 'transaction' };
  for (const [re, what] of SESSION) {
    if (re.test(text)) return what ? { kind: 'session', what } : { kind: 'transaction' };
  }
  return { kind: 'plain' };
}
