// Expressions for the node functions the rewrite calls (mkdtemp, rm, join, tmpdir, randomUUID,
// rename), spelled the way the file already reaches them: a named import, `fs.promises.x`,
// `path.join`, or a new import added in the file's own style.
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { Expression, File as BabelFile } from '@babel/types';
import { ensureImport } from '../analysis/add-import';
import { readImports } from '../analysis/existing-imports';
import { sameModule } from '../analysis/module-specifier';
import type { ModuleStyle } from '../analysis/module-style';

export type BuiltinModule = 'fs' | 'fs/promises' | 'path' | 'os' | 'crypto';

export type Callable = (module: BuiltinModule, fn: string) => Expression;

export function callables(j: JSCodeshift, root: Collection, style: ModuleStyle): Callable {
  const cache = new Map<string, () => Expression>();
  return (module, fn) => {
    const key = `${module}:${fn}`;
    let make = cache.get(key);
    if (!make) cache.set(key, (make = resolve(j, root, style, module, fn)));
    return make();
  };
}

function resolve(j: JSCodeshift, root: Collection, style: ModuleStyle, module: BuiltinModule, fn: string): () => Expression {
  const bindings = readImports((root.get().node as BabelFile).program).bindings;
  const find = (source: string, name: string) => bindings.find((b) => sameModule(b.source, source) && b.name === name)?.local;
  const whole = (source: string) => find(source, '*') ?? find(source, 'default');
  const member = (...path: string[]) => () => path.slice(1).reduce<Expression>((obj, p) => j.memberExpression(obj as never, j.identifier(p)) as Expression, j.identifier(path[0]) as Expression);

  const named = find(module, fn);
  if (named) return () => j.identifier(named) as Expression;
  const ns = whole(module);
  if (ns) return member(ns, fn);
  if (module === 'fs/promises') {
    const promises = find('fs', 'promises');
    if (promises) return member(promises, fn);
    const fs = whole('fs');
    if (fs) return member(fs, 'promises', fn);
  }
  const local = ensureImport({ j, root, style }, { source: `node:${module}`, named: [fn] })[fn];
  return () => j.identifier(local) as Expression;
}
