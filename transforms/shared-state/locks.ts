// The lock declarations a critical section needs, generated once per module binding.
import type { Statement } from '@babel/types';
import { ensureImport } from '../analysis/add-import';
import { capitalize } from './edit';
import type { ModuleBinding } from './module-model';
import type { RewriteContext } from './types';

function mutexName(ctx: RewriteContext): string {
  return ensureImport({ j: ctx.j, root: ctx.root, style: ctx.style }, { source: 'async-mutex', named: ['Mutex'] }).Mutex;
}

function insertAfterDeclaration(ctx: RewriteContext, binding: ModuleBinding, statements: Statement[]): void {
  const body = ctx.program.body;
  const at = body.indexOf(binding.statement);
  body.splice(at === -1 ? body.length : at + 1, 0, ...statements);
}

/** `const <name>Lock = new Mutex();` after the binding's declaration; returns the lock's name. */
export function ensureLock(ctx: RewriteContext, binding: ModuleBinding): string {
  const memoKey = `lock:${binding.name}`;
  const existing = ctx.memo.get(memoKey);
  if (existing) return existing;
  const Mutex = mutexName(ctx);
  const name = ctx.pick(`${binding.name}Lock`);
  const { j } = ctx;
  const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), j.newExpression(j.identifier(Mutex), []))]);
  insertAfterDeclaration(ctx, binding, [decl as unknown as Statement]);
  ctx.memo.set(memoKey, name);
  return name;
}

/** A per-key lock table and `with<Name>Lock(key, section)`; returns the function's name. */
export function ensureKeyedLock(ctx: RewriteContext, binding: ModuleBinding): string {
  const memoKey = `keyed:${binding.name}`;
  const existing = ctx.memo.get(memoKey);
  if (existing) return existing;
  const Mutex = mutexName(ctx);
  const locks = ctx.pick(`${binding.name}Locks`);
  const withLock = ctx.pick(`with${capitalize(binding.name)}Lock`);
  const ts = ctx.typescript;
  const source = [
    '// one lock per key, dropped when no request holds or waits for it',
    `const ${locks} = new Map${ts ? `<unknown, { mutex: ${Mutex}; users: number }>` : ''}();`,
    '',
    ts
      ? `async function ${withLock}<T>(key: unknown, section: () => Promise<T>): Promise<T> {`
      : `async function ${withLock}(key, section) {`,
    `  let lock = ${locks}.get(key);`,
    `  if (!lock) ${locks}.set(key, (lock = { mutex: new ${Mutex}(), users: 0 }));`,
    '  lock.users++;',
    '  try {',
    '    return await lock.mutex.runExclusive(section);',
    '  } finally {',
    `    if (--lock.users === 0) ${locks}.delete(key);`,
    '  }',
    '}',
  ].join('\n');
  const program = ctx.j(source).get().node.program as { body: Statement[] };
  insertAfterDeclaration(ctx, binding, program.body);
  ctx.memo.set(memoKey, withLock);
  return withLock;
}
