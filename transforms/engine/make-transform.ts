// Wraps a transform module as a standard jscodeshift transform, so
// `npx jscodeshift -t transforms/<id>.ts src/` works too. The parser is chosen per file by
// extension, whatever parser jscodeshift was started with.
import type { FileInfo } from 'jscodeshift';
import type { JscodeshiftTransform, TransformModule } from '../types';
import { transformSource } from './transform-source';

export function makeTransform(mod: TransformModule): JscodeshiftTransform {
  const run = (file: FileInfo): string | null => {
    const result = transformSource(file.path, file.source, [mod]);
    return result.changed ? result.output : null;
  };
  return Object.assign(run, { meta: mod.meta });
}
