// --help text, generated from the command table and the registry's metadata.
import { TRANSFORMS, ruleMetadata } from '../transforms/registry';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './commands';

function optionLine(o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.arg ? ` <${o.arg}>` : ''}`;
  return `  ${flag.padEnd(30)} ${o.description}`;
}

export function commandHelp(cmd: CommandSpec): string {
  return [`Usage: ${cmd.usage}`, '', cmd.summary, '', 'Options:', ...cmd.options.map(optionLine), ''].join('\n');
}

export function mainHelp(): string {
  return [
    'lmi-migrate: make AWS Lambda Node.js code safe on Lambda Managed Instances',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'Global options:',
    ...GLOBAL_OPTIONS.map(optionLine),
    '',
    'Transforms:',
    ...TRANSFORMS.map((t) => `  ${t.meta.id.padEnd(16)} ${t.meta.summary}`),
    '',
    `Rules: ${ruleMetadata().length} (lmi-migrate list). Guide: MIGRATION.md`,
    'Run `lmi-migrate <command> --help` for the options of one command.',
    '',
  ].join('\n');
}
