// `lmi-migrate [paths...] --yes | --dry`: every (or the chosen) transform, no prompts.
import { UsageError, type CliIO, type ParsedOptions } from '../io';
import { selectTransforms } from './options';
import { runTransforms } from './shared';

export async function runMigrate(paths: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  if (values.yes && values.dry) throw new UsageError('--yes and --dry exclude each other');
  if (!values.yes && !values.dry) {
    throw new UsageError(
      'the interactive migration is not available yet: pass --dry to see the findings and the patch, or --yes to apply every change',
    );
  }
  const transforms = selectTransforms(values.transform);
  return runTransforms(paths, values, io, { transforms, dry: !!values.dry, diffOut: values['diff-out'] });
}
