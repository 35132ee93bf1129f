// `lmi-migrate [paths...] --yes | --dry`: every (or the chosen) transform, no prompts.
import { UsageError, type CliIO, type ParsedOptions } from '../io';
import { selectTransforms } from './options';
import { runTransforms } from './shared';

export async function runMigrate(paths: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  if (values.yes && values.dry) throw new UsageError('--yes and --dry exclude each other');
  if (!values.yes && !values.dry) {
    if (!io.stdinIsTTY || !io.stdoutIsTTY) {
      throw new UsageError(
        'no terminal to ask questions on: pass --dry to print the findings and the patch, or --yes to apply every change',
      );
    }
    // the prompts are loaded only for an interactive run
    return (await import('../interactive/run')).runInteractive(paths, values, io);
  }
  const transforms = selectTransforms(values.transform);
  return runTransforms(paths, values, io, { transforms, dry: !!values.dry, diffOut: values['diff-out'], report: values.report });
}
