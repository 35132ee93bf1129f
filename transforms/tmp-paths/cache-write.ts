// Finds the one statement that writes a shared /tmp file, in a shape the transform can make
// atomic: `writeFileSync(p, d)`, `await writeFile(p, d)`, `await pipeline(src, createWriteStream(p))`.
import type { Node } from '@babel/types';
import type { NodeIndex } from '../analysis/walk';
import { moduleFunction, resolveCallee } from './callee';
import type { ModuleFacts } from './module-facts';
import type { Occurrence } from './occurrences';
import type { CacheFix } from './plan';

export function planCacheWrite(o: Occurrence, index: NodeIndex, facts: ModuleFacts): CacheFix | null {
  const writes = o.uses.filter((u) => u.kind === 'write');
  if (writes.length !== 1 || o.uses.length !== 1) return null;
  const use = writes[0];
  if (!use.direct || use.argIndex !== 0 || !use.call || !use.fn) return null;
  const base = use.fn.replace(/Sync$/, '');
  let expr: Node = use.call;
  let timing: CacheFix['timing'];
  if (base === 'writeFile' && use.timing === 'sync') timing = 'sync';
  else if (base === 'writeFile' && use.timing === 'promise') timing = 'promise';
  else if (base === 'createWriteStream') {
    const pipeline = index.parent(use.call);
    if (!pipeline || pipeline.type !== 'CallExpression' || !isPipeline(pipeline.callee, facts)) return null;
    expr = pipeline;
    timing = 'promise';
  } else return null;
  if (timing === 'promise') {
    const awaited = index.parent(expr);
    if (awaited?.type !== 'AwaitExpression') return null;
    expr = awaited;
  }
  const statement = index.parent(expr);
  if (statement?.type !== 'ExpressionStatement') return null;
  const holder = index.parent(statement);
  if (!holder || !(holder.type === 'BlockStatement' || holder.type === 'Program' || holder.type === 'IfStatement')) return null;
  return { path: o.node, statement, timing };
}

function isPipeline(callee: Node, facts: ModuleFacts): boolean {
  const c = resolveCallee(callee, facts);
  const fn = moduleFunction(c);
  if (!fn || fn.fn !== 'pipeline') return false;
  return fn.module === 'stream/promises' || (fn.module === 'stream' && c.kind === 'module' && !!c.promisified);
}
