// `lmi-migrate simulate <handler-file>`: runs the handler under LMI-like concurrency and reports
// the races a one-at-a-time Lambda would never show. Exit 0 no race, 1 race (or a handler the
// runtime rejects at init), 2 harness error.
import { palette, useColor } from '../format/color';
import type { CliIO, ParsedOptions } from '../io';
import { EventsError } from './events';
import { likelyCausesFor } from './likely-causes';
import { isDirectory, isFile, parseSimulateOptions } from './options';
import { formatPretty } from './pretty';
import { exitCodeOf } from './report';
import { HarnessError, simulate } from './simulate';

export async function runSimulate(positionals: string[], values: ParsedOptions, io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseSimulateOptions(positionals, values, io);
  } catch (e) {
    if (e instanceof EventsError) return harnessFailure(io, e.message);
    throw e;
  }
  if (!isFile(parsed.handlerFile)) return harnessFailure(io, `handler file not found: ${positionals[0]}`);
  if (!isDirectory(parsed.workingDirectory)) return harnessFailure(io, `working directory not found: ${values.cwd}`);
  if (parsed.setupFile && !isFile(parsed.setupFile)) return harnessFailure(io, `setup module not found: ${values.setup}`);
  let report;
  try {
    report = await simulate({ ...parsed, likelyCauses: () => likelyCausesFor(parsed.handlerFile, parsed.workingDirectory) });
  } catch (e) {
    if (e instanceof HarnessError) return harnessFailure(io, e.message, e.detail);
    throw e;
  }
  if (parsed.format === 'json') io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(formatPretty(report, io.cwd, palette(useColor(io.stdoutIsTTY, io.env))));
  return exitCodeOf(report);
}

function harnessFailure(io: CliIO, message: string, detail?: string): number {
  io.stderr.write(`lmi-migrate simulate: ${message}\n`);
  // the user's frames only: the harness's own and Node's internals say nothing about their code
  const frames = detail?.split('\n').filter((l) => !/node:internal|\/node_modules\/tsx\/|\/cli\/simulate\//.test(l));
  if (frames?.length) io.stderr.write(`${frames.join('\n')}\n`);
  return 2;
}
