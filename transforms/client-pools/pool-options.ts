// The options of a generated pool: the connection's own options plus a small per-worker size.
import type { Node, ObjectExpression } from '@babel/types';
import type { JSCodeshift } from 'jscodeshift';
import type { DbSite } from './plan-db';

/** Shown above every generated pool: why its size is small. */
export const POOL_COMMENT = ' One pool per worker thread: connections = environments × workers × max, so keep max small (DB_POOL_MAX).';

const SIZE: Record<string, string> = {
  pg: 'max: Number(process.env.DB_POOL_MAX ?? 2), idleTimeoutMillis: 30000, connectionTimeoutMillis: 5000',
  mysql: 'connectionLimit: Number(process.env.DB_POOL_MAX ?? 2), waitForConnections: true',
};
const CONNECTION_STRING: Record<string, string> = { pg: 'connectionString', mysql: 'uri' };

function parsedProperties(j: JSCodeshift, text: string): ObjectExpression['properties'] {
  const program = j(`({ ${text} });`).get().node.program;
  return (program.body[0].expression as ObjectExpression).properties;
}

function keyOf(p: ObjectExpression['properties'][number]): string | null {
  if (p.type !== 'ObjectProperty' || p.computed) return null;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
}

/** Builds (or extends in place) the pool's options object for a planned connection. */
export function poolOptions(j: JSCodeshift, site: DbSite): Node {
  const size = parsedProperties(j, SIZE[site.driver.label]);
  const config = site.config;
  if (config.kind === 'object') {
    const obj = config.node as ObjectExpression;
    const present = new Set(obj.properties.map(keyOf));
    for (const p of size) if (!present.has(keyOf(p))) obj.properties.push(p);
    return obj;
  }
  const head =
    config.kind === 'string'
      ? [j.objectProperty(j.identifier(CONNECTION_STRING[site.driver.label]), config.node as never)]
      : config.kind === 'spread'
        ? [j.spreadElement(config.node as never)]
        : [];
  return j.objectExpression([...head, ...size] as never) as unknown as Node;
}
