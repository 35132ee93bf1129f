// `readFileSync(a)` → `await readFile(a)` (from fs/promises), `fs.readFileSync(a)` → `await fs.promises.readFile(a)`,
// `pbkdf2Sync(…)` → `await promisify(pbkdf2)(…)`, `zlib.gzipSync(b)` → `await promisify(zlib.gzip)(b)`.
import type { Node } from '@babel/types';
import { ensureImport, removeUnusedImport } from '../analysis/add-import';
import type { TransformContext } from '../types';
import type { BlockingIoPlan, SyncCallFix } from './plan-blocking-io';

export function applyBlockingIo(ctx: TransformContext, plan: BlockingIoPlan): boolean {
  const fixes = plan.fixes.filter((f) => !ctx.isSuppressed('blocking-sync-io', f.call.loc?.start.line ?? 0));
  if (fixes.length === 0) return false;
  const { j } = ctx;
  const importCtx = { j, root: ctx.root, style: ctx.analysis.moduleStyle };
  const unused = new Map<string, string>();
  for (const fix of fixes) {
    const callee = asyncCallee(ctx, fix, importCtx);
    const replacement = j.awaitExpression(j.callExpression(callee as never, fix.call.arguments as never));
    ctx.root.find(j.CallExpression).filter((p) => p.node === (fix.call as unknown)).replaceWith(() => replacement);
    if (fix.form === 'named') unused.set(fix.syncName, fix.module);
  }
  for (const [name, module] of unused) removeUnusedImport(importCtx, `node:${module}`, name);
  return true;
}

function asyncCallee(ctx: TransformContext, fix: SyncCallFix, importCtx: Parameters<typeof ensureImport>[0]): unknown {
  const { j } = ctx;
  const callee = fix.call.callee as Node;
  // fs.readFileSync → fs.promises.readFile; crypto.pbkdf2Sync → crypto.pbkdf2
  const memberTwin = (name: string) => {
    const obj = (callee as Extract<Node, { type: 'MemberExpression' }>).object;
    return j.memberExpression(obj as never, j.identifier(name));
  };
  if (fix.module === 'fs') {
    if (fix.form === 'member') {
      const obj = (callee as Extract<Node, { type: 'MemberExpression' }>).object;
      const isPromises = obj.type === 'MemberExpression';
      return isPromises ? memberTwin(fix.asyncName) : j.memberExpression(j.memberExpression(obj as never, j.identifier('promises')), j.identifier(fix.asyncName));
    }
    const names = ensureImport(importCtx, { source: 'node:fs/promises', named: [fix.asyncName] });
    return j.identifier(names[fix.asyncName]);
  }
  const fnRef = fix.form === 'member'
    ? memberTwin(fix.asyncName)
    : j.identifier(ensureImport(importCtx, { source: `node:${fix.module}`, named: [fix.asyncName] })[fix.asyncName]);
  const { promisify } = ensureImport(importCtx, { source: 'node:util', named: ['promisify'] });
  return j.callExpression(j.identifier(promisify), [fnRef as never]);
}
