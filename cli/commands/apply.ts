// `lmi-migrate apply <transform-id> [paths...]`: one transform.
import type { CliIO, ParsedOptions } from '../io';
import { requireTransform } from './options';
import { runTransforms } from './shared';

export async function runApply(positionals: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  const [id, ...paths] = positionals;
  const transform = requireTransform(id);
  return runTransforms(paths, values, io, {
    transforms: [transform],
    reportRules: transform.meta.fixes,
    dry: !!values.dry,
    print: !!values.print,
  });
}
