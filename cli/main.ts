// Entry point: parses arguments, runs one command, returns the exit code (never exits itself).
// 0 clean, 1 findings (or files that could not be processed), 2 usage or fatal error.
import { parseArgs } from 'node:util';
import { findCommand, type CommandSpec } from './commands';
import { commandHelp, mainHelp } from './help';
import { versionText } from './versions';
import type { CliIO, ParsedOptions } from './io';
import { processIO, UsageError } from './io';

export const EXIT = { clean: 0, findings: 1, fatal: 2 } as const;

function parseFor(cmd: CommandSpec, args: string[]): { values: ParsedOptions; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const o of cmd.options) {
    options[o.name] = { type: o.arg ? 'string' : 'boolean' };
    if (o.repeatable) options[o.name].multiple = true;
    if (o.short) options[o.name].short = o.short;
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedOptions, positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '')}\n\n${commandHelp(cmd)}`);
  }
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const first = argv[0];
    if (first === '--version' || first === '-v') {
      io.stdout.write(versionText());
      return EXIT.clean;
    }
    if ((first === '--help' || first === '-h') && argv.length === 1) {
      io.stdout.write(mainHelp());
      return EXIT.clean;
    }
    const named = first && !first.startsWith('-') ? findCommand(first) : undefined;
    const cmd = named && named.name !== 'migrate' ? named : findCommand('migrate')!;
    const rest = named && named.name !== 'migrate' ? argv.slice(1) : argv;
    const { values, positionals } = parseFor(cmd, rest);
    if (values.help) {
      io.stdout.write(cmd.name === 'migrate' ? mainHelp() + '\n' + commandHelp(cmd) : commandHelp(cmd));
      return EXIT.clean;
    }
    // a command's code is loaded only when it runs: `--version`, `list` or `check` never load the
    // prompts or the simulator (in the bundle these imports initialise bundled modules lazily)
    switch (cmd.name) {
      case 'list':
        return (await import('./commands/list')).runList(values, io);
      case 'check':
        return await (await import('./commands/check')).runCheck(positionals, values, io);
      case 'apply':
        return await (await import('./commands/apply')).runApply(positionals, values, io);
      case 'simulate':
        return await (await import('./simulate/command')).runSimulate(positionals, values, io);
      default:
        return await (await import('./commands/migrate')).runMigrate(positionals, values, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`lmi-migrate: ${e.message.trimEnd()}\n`);
      return EXIT.fatal;
    }
    io.stderr.write(`lmi-migrate: fatal: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.fatal;
  }
}
