// Writes to what SDK and database clients read when they are built: `process.env.X = …`,
// `delete process.env.X`, `Object.assign(process.env, …)`, `AWS.config.update(…)`. A function
// doing any of these per request pins the clients it builds to the request.
import type { Node } from '@babel/types';
import { dottedName, propertyName, unwrapExpression } from '../analysis/ast';

const CONFIG_UPDATE = /(^|\.)config\.update$/;
const CONFIG_FIELD = /(^|\.)config\.\w+$/;
const AWS_ROOT = /^AWS\b/i;
// the only calls that can be such a write: `….assign(…)` and `….update(…)` (checked first: it is cheap)
const UPDATING_METHODS = new Set(['assign', 'update']);

function methodName(callee: Node): string | null {
  const u = unwrapExpression(callee);
  return u ? propertyName(u) : null;
}

/** Is this one node such a write? (A function writes client globals when any node in it is.) */
export function writesClientGlobalsAt(n: Node): boolean {
  const target = n.type === 'AssignmentExpression' ? n.left : n.type === 'UnaryExpression' && n.operator === 'delete' ? n.argument : null;
  const base = target && unwrapExpression(target);
  // process.env.X and process.env[name]
  if (base && (dottedName(base)?.startsWith('process.env') || (base.type === 'MemberExpression' && dottedName(base.object) === 'process.env'))) return true;
  if (n.type === 'CallExpression' && UPDATING_METHODS.has(methodName(n.callee) ?? '')) {
    if (dottedName(n.callee) === 'Object.assign' && dottedName(n.arguments[0] as Node) === 'process.env') return true;
    // SDK v2 global configuration (`AWS.config.update({ region })`, `AWS.config.region = …`), read by new clients
    if (CONFIG_UPDATE.test(dottedName(n.callee) ?? '')) return true;
  }
  if (base && CONFIG_FIELD.test(dottedName(base) ?? '') && AWS_ROOT.test(dottedName(base) ?? '')) return true;
  return false;
}
